"""The canned replies the console starts with: those in the content folder."""

from __future__ import annotations

from pathlib import Path

from bot.services.content.canned import DOCUMENT, Canned, parse_canned
from bot.services.content.documents import languages_of, read_documents

__all__ = ["Canned", "load_canned"]


def load_canned(content_dir: Path) -> tuple[Canned, ...]:
    """Parsed from knowledge/canned_replies.yml; none when the file is absent."""
    docs = read_documents(content_dir)
    return parse_canned(docs.get(DOCUMENT), languages_of(docs))
