"""Published content for the engine: loaded from the content folder, swapped on reload."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bot.engine.answers import parse_answers
from bot.engine.content import Classifier, Content, ContentError
from bot.services.nlu import read_nlu_files
from bot.services.offer_knowledge import OfferKnowledgeError, load_catalogue

log = logging.getLogger(__name__)


def read_yaml(path: Path) -> Any:
    """One YAML file; a syntax error names the file and line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: {exc}") from exc


def read_dialogues(content_dir: Path) -> dict[str, Any]:
    """Every dialogues/*.yml merged section by section (texts, buttons, menus, …)."""
    merged: dict[str, dict[str, Any]] = {
        "texts": {},
        "buttons": {},
        "menus": {},
        "language_words": {},
    }
    for path in sorted((content_dir / "dialogues").glob("*.yml")):
        data = read_yaml(path) or {}
        for section in merged:
            for key, value in dict(data.get(section) or {}).items():
                if key in merged[section]:
                    raise ContentError(f"{path}: {section}.{key} is defined twice")
                merged[section][key] = value
    return merged


def load_content(content_dir: Path, classify: Classifier | None = None) -> Content:
    """Build the engine's content from the seed files in `content_dir`."""
    knowledge = content_dir / "knowledge"
    try:
        offers = load_catalogue(content_dir)
    except OfferKnowledgeError as exc:
        raise ContentError(str(exc)) from exc
    return Content.from_data(
        read_dialogues(content_dir),
        hotlines=read_yaml(knowledge / "hotlines.yml"),
        answers=read_yaml(knowledge / "answers.yml"),
        offers=offers,
        classify=classify,
    )


def validate(content_dir: Path) -> list[str]:
    """Every problem in a content folder, each naming its file, item and field."""
    problems: list[str] = []
    knowledge = content_dir / "knowledge"
    checks: list[tuple[str, Callable[[], object]]] = [
        ("dialogues", lambda: Content.from_data(read_dialogues(content_dir))),
        ("answers", lambda: parse_answers(read_yaml(knowledge / "answers.yml"))),
        ("hotlines", lambda: read_yaml(knowledge / "hotlines.yml")["countries"]),
        ("offer check", lambda: load_catalogue(content_dir)),
        ("nlu", lambda: read_nlu_files(content_dir / "nlu")),
    ]
    for part, check in checks:
        try:
            check()
        except (ContentError, OfferKnowledgeError, OSError, KeyError, TypeError, ValueError) as exc:
            problems.append(f"{part}: {exc}")
    return problems


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
