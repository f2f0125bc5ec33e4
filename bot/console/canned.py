"""Canned replies for operators, from knowledge/canned_replies.yml (each in ky and ru)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.engine.bilingual import ContentError
from bot.services.content import read_yaml


@dataclass(frozen=True, slots=True)
class Canned:
    """A ready answer: a short title for the operator and the text in both languages."""

    id: str
    title: str
    ky: str
    ru: str


def load_canned(content_dir: Path) -> tuple[Canned, ...]:
    """The canned replies; a missing translation is an error, never silently skipped."""
    path = content_dir / "knowledge" / "canned_replies.yml"
    if not path.exists():
        return ()
    data = read_yaml(path) or {}
    items = []
    for raw in data.get("replies") or ():
        missing = [k for k in ("id", "title", "ky", "ru") if not str(raw.get(k) or "").strip()]
        if missing:
            raise ContentError(f"{path}: reply {raw.get('id')!r} lacks {', '.join(missing)}")
        items.append(
            Canned(
                str(raw["id"]), str(raw["title"]), str(raw["ky"]).strip(), str(raw["ru"]).strip()
            )
        )
    return tuple(items)
