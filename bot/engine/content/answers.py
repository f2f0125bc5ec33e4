"""Answers from knowledge/answers.yml: short first, detail behind "more", per-country variants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.engine.content.bilingual import ContentError, bilingual


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from and when someone last checked it there."""

    title: str
    url: str
    checked: str


@dataclass(frozen=True, slots=True)
class Variant:
    """The texts of an answer (general, or for one country)."""

    short: Mapping[str, str]
    more: Mapping[str, str]
    sources: tuple[Source, ...]
    checked: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: a general variant and optional country variants."""

    id: str
    title: Mapping[str, str]
    general: Variant
    by_country: Mapping[str, Variant] = field(default_factory=dict)

    def variant(self, country: str | None) -> Variant:
        """The country's variant when there is one, else the general text."""
        return self.by_country.get(country or "", self.general)


def parse_answers(data: Mapping[str, Any] | None) -> dict[str, Answer]:
    """Check and freeze answers.yml; ContentError names the item and field."""
    answers: dict[str, Answer] = {}
    for n, item in enumerate((data or {}).get("answers") or ()):
        where = f"answers.yml: answers[{n}]"
        if not isinstance(item, Mapping) or not item.get("id"):
            raise ContentError(f"{where}: needs an id")
        where = f"answers.yml: {item['id']}"
        countries = {
            str(code): _variant(variant, f"{where}.by_country.{code}")
            for code, variant in dict(item.get("by_country") or {}).items()
        }
        answers[str(item["id"])] = Answer(
            id=str(item["id"]),
            title=_strip(item.get("title"), f"{where}.title"),
            general=_variant(item, where),
            by_country=countries,
        )
    return answers


def _variant(data: Mapping[str, Any], where: str) -> Variant:
    sources = tuple(
        Source(str(s.get("title", "")), str(s.get("url", "")), str(s.get("checked", "")))
        for s in data.get("sources") or ()
    )
    if not sources:
        raise ContentError(f"{where}.sources: every answer needs a source")
    if not data.get("checked"):
        raise ContentError(f"{where}.checked: the date it was last checked is missing")
    return Variant(
        short=_strip(data.get("short"), f"{where}.short"),
        more=_strip(data.get("more"), f"{where}.more"),
        sources=sources,
        checked=str(data["checked"]),
    )


def _strip(value: Any, where: str) -> dict[str, str]:
    return {lang: text.strip() for lang, text in bilingual(value, where).items()}
