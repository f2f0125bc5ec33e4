"""Understanding: the trained intent classifier, its reports, and the Rasa adapter."""
