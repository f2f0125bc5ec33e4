"""Canned replies for operators, from knowledge/canned_replies.yml (each in every language)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.content.languages import ContentError, Languages

DOCUMENT = "knowledge/canned_replies.yml"


@dataclass(frozen=True, slots=True)
class Canned:
    """A ready answer: a short title for the operator and its text in each language."""

    id: str
    title: str
    texts: Mapping[str, str]


def parse_canned(data: Any, languages: Languages) -> tuple[Canned, ...]:
    """The replies of the document; a missing translation is an error, never skipped."""
    items = []
    for raw in dict(data or {}).get("replies") or ():
        keys = ("id", "title", *languages.codes)
        missing = [k for k in keys if not str(raw.get(k) or "").strip()]
        if missing:
            where = f"{DOCUMENT}: reply {raw.get('id')!r}"
            raise ContentError(f"{where} lacks {', '.join(missing)}")
        texts = {lang: str(raw[lang]).strip() for lang in languages.codes}
        items.append(Canned(str(raw["id"]), str(raw["title"]), texts))
    return tuple(items)
