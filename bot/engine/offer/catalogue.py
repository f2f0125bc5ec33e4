"""The indicator catalogue: knowledge/indicators.yml compiled once into matchers.

The engine gets already-loaded YAML data; every error names the file, the item and the field,
so that content staff can fix a broken pattern or a missing translation themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.engine.offer.concepts import parse_concepts
from bot.engine.offer.indicator import (
    RULES,
    SEVERITIES,
    Indicator,
    Policy,
    Question,
    Scripts,
    parse_indicator,
    parse_policy,
)
from bot.engine.offer.model import OfferModel
from bot.engine.offer.negation import Negation
from bot.engine.offer.patterns import Matcher, compile_pattern
from bot.engine.offer.refs import AgencyRegistry, CatalogueError, WageTable

__all__ = [
    "RULES",
    "SEVERITIES",
    "Catalogue",
    "CatalogueError",
    "Indicator",
    "Matcher",
    "Policy",
    "Question",
    "compile_pattern",
]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the offer check needs, compiled: indicators, policy, references, texts."""

    indicators: tuple[Indicator, ...]
    policy: Policy
    wages: WageTable
    agencies: AgencyRegistry
    texts: Mapping[str, Any]
    languages: tuple[str, ...]  # in configured order; every text exists in each
    negation: Negation = field(default_factory=Negation)
    model: OfferModel | None = None  # the learned second opinion, attached by the services

    @classmethod
    def from_data(
        cls,
        indicators: Mapping[str, Any],
        wages: Mapping[str, Any],
        agencies: Mapping[str, Any],
        texts: Mapping[str, Any],
        languages: Scripts,
    ) -> Catalogue:
        """Validate and compile the four knowledge files (already parsed from YAML) for
        `languages` (code → the script of its patterns)."""
        file = "indicators.yml"
        items = indicators.get("indicators")
        if not isinstance(items, Mapping) or not items:
            raise CatalogueError(f"{file}: indicators: missing")
        concepts = parse_concepts(indicators.get("concepts"), f"{file}: concepts")
        compiled = tuple(
            parse_indicator(str(k), v, file, languages, concepts) for k, v in items.items()
        )
        ids = [q.question.id for q in compiled if q.question]
        if len(ids) != len(set(ids)):
            raise CatalogueError(f"{file}: question ids must be unique: {ids}")
        for key in ("levels", "headings", "advice", "messages"):
            if not isinstance(texts.get(key), Mapping):
                raise CatalogueError(f"offer_texts.yml: {key}: missing")
        return cls(
            indicators=compiled,
            policy=parse_policy(indicators.get("policy"), file),
            wages=WageTable.from_data(wages),
            agencies=AgencyRegistry.from_data(agencies),
            texts=texts,
            languages=tuple(languages),
            negation=Negation.from_data(indicators.get("negation")),
        )

    def indicator(self, ind_id: str) -> Indicator:
        """The indicator with this id (KeyError if unknown)."""
        for ind in self.indicators:
            if ind.id == ind_id:
                return ind
        raise KeyError(ind_id)

    def question(self, question_id: str) -> Question:
        """The follow-up question with this id (KeyError if unknown)."""
        for ind in self.indicators:
            if ind.question and ind.question.id == question_id:
                return ind.question
        raise KeyError(question_id)

    def text(self, section: str, key: str, lang: str) -> str:
        """One person-facing text from offer_texts.yml."""
        return str(self.texts[section][key][lang]).strip()
