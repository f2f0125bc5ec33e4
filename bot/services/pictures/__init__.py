"""Reading a sent picture's text: decode and check it, prepare it, run Tesseract on it."""
