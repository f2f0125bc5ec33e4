"""The `pictures:` section of config.yml: how a sent picture is read (OCR) and its limits."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PicturesSettings(BaseModel):
    """Screenshots and photos of job ads are read with Tesseract (Kyrgyz and Russian)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True  # off, or Tesseract or its kir/rus data missing: pictures are not read
    # Tesseract's language codes, in its `a+b` form; English reads Kyrgyz written in Latin
    # letters («aylyk 600 dollar») and Latin names (tesseract-ocr brings `eng`).
    languages: str = "kir+rus+eng"
    max_bytes: int = Field(default=10_485_760, ge=1024)  # a larger download or upload is refused
    # Pixels of a decoded picture: more is a decompression bomb, refused before decoding.
    max_pixels: int = Field(default=40_000_000, ge=10_000)
    download_timeout_seconds: float = Field(default=15.0, gt=0)
    ocr_timeout_seconds: float = Field(default=12.0, gt=0)  # Tesseract is stopped after this
    concurrency: int = Field(default=2, ge=1)  # pictures read at once by one process
