"""Answers from knowledge/answers.yml: short first, detail behind "more", per-country variants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.engine.content.languages import ContentError, Languages

# What kind of publisher a source is, and how far up it is shown (lower first; in one rank,
# the order editors wrote). "weak" ones (an old blog, an SEO question page, a forum comment)
# stay for editors as provenance and are never shown.
SOURCE_RANK = {"official": 0, "international": 0, "ngo": 1, "media": 2, "other": 3, "weak": 9}
SOURCE_KINDS = tuple(SOURCE_RANK)
MAX_SOURCES_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from, what kind of publisher it is, and when it was last checked."""

    title: Mapping[str, str]  # per language; a title written once serves both
    url: str
    checked: str
    kind: str = "other"


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


def parse_answers(data: Mapping[str, Any] | None, languages: Languages) -> dict[str, Answer]:
    """Check and freeze answers.yml; ContentError names the item and field."""
    answers: dict[str, Answer] = {}
    for n, item in enumerate((data or {}).get("answers") or ()):
        where = f"answers.yml: answers[{n}]"
        if not isinstance(item, Mapping) or not item.get("id"):
            raise ContentError(f"{where}: needs an id")
        where = f"answers.yml: {item['id']}"
        countries = {
            str(code): _variant(variant, f"{where}.by_country.{code}", languages)
            for code, variant in dict(item.get("by_country") or {}).items()
        }
        answers[str(item["id"])] = Answer(
            id=str(item["id"]),
            title=_strip(item.get("title"), f"{where}.title", languages),
            general=_variant(item, where, languages),
            by_country=countries,
        )
    return answers


def _variant(data: Mapping[str, Any], where: str, languages: Languages) -> Variant:
    sources = tuple(
        _source(s, f"{where}.sources[{n}]", languages)
        for n, s in enumerate(data.get("sources") or ())
    )
    if not sources:
        raise ContentError(f"{where}.sources: every answer needs a source")
    if not data.get("checked"):
        raise ContentError(f"{where}.checked: the date it was last checked is missing")
    return Variant(
        short=_strip(data.get("short"), f"{where}.short", languages),
        more=_strip(data.get("more"), f"{where}.more", languages),
        sources=sources,
        checked=str(data["checked"]),
    )


def _source(data: Mapping[str, Any], where: str, languages: Languages) -> Source:
    kind = str(data.get("kind") or "other")
    if kind not in SOURCE_KINDS:
        raise ContentError(f"{where}.kind: {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    title = data.get("title")
    if isinstance(title, Mapping):
        titles = _strip(title, f"{where}.title", languages)
    else:
        titles = {lang: str(title or "").strip() for lang in languages.codes}
    return Source(titles, str(data.get("url", "")), str(data.get("checked", "")), kind)


def shown_sources(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    """The few sources a user sees: official and NGO ones first, never a weak one."""
    ranked = sorted((s for s in sources if s.kind != "weak"), key=lambda s: SOURCE_RANK[s.kind])
    return tuple(ranked[:MAX_SOURCES_SHOWN])


def _strip(value: Any, where: str, languages: Languages) -> dict[str, str]:
    return {lang: text.strip() for lang, text in languages.texts(value, where).items()}
