"""Published content for the engine: loaded from the content folder, swapped on reload."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from bot.engine.content.model import Content, ContentError
from bot.engine.nlu.intent import Classifier
from bot.services.content.documents import build_content, check_documents, read_documents

log = logging.getLogger(__name__)


def load_content(content_dir: Path, classify: Classifier | None = None) -> Content:
    """Build the engine's content from the seed files in `content_dir`."""
    return build_content(read_documents(content_dir), classify)


def validate(content_dir: Path) -> list[str]:
    """Every problem in a content folder, each naming its file, item and field."""
    try:
        docs = read_documents(content_dir)
    except ContentError as exc:  # a file that is not YAML at all
        return [str(exc)]
    return check_documents(docs)


class ContentStore:
    """Holds the live content; `reload()` swaps it atomically for every later message."""

    def __init__(self, loader: Callable[[], Content]) -> None:
        self._loader = loader
        self._current = loader()

    @property
    def current(self) -> Content:
        return self._current

    def replace(self, content: Content) -> None:
        """Serve `content` from now on (already built and checked by the caller)."""
        self._current = content

    def reload(self) -> Content:
        """Load again; on an error keep serving the previous content and re-raise."""
        try:
            self._current = self._loader()
        except ContentError:
            log.exception("content reload failed; the previous content stays live")
            raise
        return self._current
