"""Canned replies for operators, from knowledge/canned_replies.yml (each in ky and ru)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.engine.content.bilingual import ContentError

DOCUMENT = "knowledge/canned_replies.yml"


@dataclass(frozen=True, slots=True)
class Canned:
    """A ready answer: a short title for the operator and the text in both languages."""

    id: str
    title: str
    ky: str
    ru: str


def parse_canned(data: Any) -> tuple[Canned, ...]:
    """The replies of the document; a missing translation is an error, never skipped."""
    items = []
    for raw in dict(data or {}).get("replies") or ():
        missing = [k for k in ("id", "title", "ky", "ru") if not str(raw.get(k) or "").strip()]
        if missing:
            where = f"{DOCUMENT}: reply {raw.get('id')!r}"
            raise ContentError(f"{where} lacks {', '.join(missing)}")
        items.append(
            Canned(
                str(raw["id"]), str(raw["title"]), str(raw["ky"]).strip(), str(raw["ru"]).strip()
            )
        )
    return tuple(items)
