"""One warning sign as content staff wrote it: texts, patterns, question, learned settings.

Parsed from knowledge/indicators.yml (already loaded) for the configured languages, given as
code → script: texts in every one, a list of patterns per language, written in its own script;
every error names the file, the item and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.offer.concepts import Combination, Concept, parse_combinations
from bot.engine.offer.patterns import Matcher, compile_pattern
from bot.engine.offer.refs import CatalogueError

Scripts = Mapping[str, str]  # language code → the script its patterns are written in
SEVERITIES = ("critical", "high", "medium")
RULES = ("pay_vs_reference", "agency_registry", "no_named_employer", "long_workday")


@dataclass(frozen=True, slots=True)
class Question:
    """A follow-up question asked when the offer is silent about one indicator."""

    id: str
    indicator: str
    priority: int
    yes_means: str  # "risk": yes adds the indicator; "safe": no adds it
    text: Mapping[str, str]
    skip_countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class Indicator:
    """One warning sign with its texts and compiled patterns."""

    id: str
    severity: str
    name: Mapping[str, str]
    explanation: Mapping[str, str]
    advice: Mapping[str, str]
    patterns: tuple[Matcher, ...]
    unless: tuple[Matcher, ...]
    reassure: tuple[Matcher, ...]
    rule: str | None
    question: Question | None
    # The learned model's reading counts at this probability, and only for these destinations
    # (empty: any); a sign that is a combination («SE Asia» × «online job») says so here.
    learned_threshold: float | None = None
    learned_countries: frozenset[str] = frozenset()
    combinations: tuple[Combination, ...] = ()  # concepts named together in one clause


@dataclass(frozen=True, slots=True)
class Policy:
    """Level policy and score weights (DOMAIN.md's default, editable in indicators.yml)."""

    rules: Mapping[str, Mapping[str, Any]]
    weights: Mapping[str, int]
    bands: Mapping[str, tuple[int, int]]


def _where(file: str, item: str, field: str) -> str:
    return f"{file}: {item}: {field}"


def _texts(data: Any, where: str, languages: Scripts) -> dict[str, str]:
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{where}: expected {' and '.join(languages)} texts")
    out = {}
    for lang in languages:
        value = data.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise CatalogueError(f"{where}: missing the {lang} text")
        out[lang] = value.strip()
    return out


def _patterns(data: Any, where: str, script: str = "cyrillic") -> tuple[Matcher, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise CatalogueError(f"{where}: expected a list of patterns")
    return tuple(compile_pattern(p, f"{where}[{i}]", script) for i, p in enumerate(data))


def _question(data: Any, ind_id: str, file: str, languages: Scripts) -> Question | None:
    if data is None:
        return None
    where = _where(file, ind_id, "question")
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
        raise CatalogueError(f"{where}: needs an id")
    if data.get("yes_means") not in ("risk", "safe"):
        raise CatalogueError(f"{where}.yes_means: must be risk or safe")
    return Question(
        id=data["id"],
        indicator=ind_id,
        priority=int(data.get("priority", 9)),
        yes_means=data["yes_means"],
        text=_texts(data, where, languages),
        skip_countries=frozenset(data.get("skip_countries") or ()),
    )


def parse_indicator(
    ind_id: str,
    data: Any,
    file: str,
    languages: Scripts,
    concepts: Mapping[str, Concept] | None = None,
) -> Indicator:
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{_where(file, ind_id, '')}expected a mapping")
    severity = data.get("severity")
    if severity not in SEVERITIES:
        raise CatalogueError(f"{_where(file, ind_id, 'severity')}: one of {SEVERITIES}")
    pats = data.get("patterns")
    if not isinstance(pats, Mapping) or any(lang not in pats for lang in languages):
        needs = " and ".join(languages)
        raise CatalogueError(f"{_where(file, ind_id, 'patterns')}: needs {needs} lists")
    rule = data.get("rule")
    if rule is not None and rule not in RULES:
        raise CatalogueError(f"{_where(file, ind_id, 'rule')}: one of {RULES}")
    compiled = tuple(
        p
        for lang, script in languages.items()
        for p in _patterns(pats[lang], _where(file, ind_id, f"patterns.{lang}"), script)
    )
    combinations = parse_combinations(
        data.get("combinations"), concepts or {}, _where(file, ind_id, "combinations")
    )
    if not compiled and not combinations and rule is None:
        raise CatalogueError(f"{_where(file, ind_id, 'patterns')}: no pattern and no rule")
    return Indicator(
        id=ind_id,
        severity=severity,
        name=_texts(data.get("name"), _where(file, ind_id, "name"), languages),
        explanation=_texts(data.get("explanation"), _where(file, ind_id, "explanation"), languages),
        advice=_texts(data.get("advice"), _where(file, ind_id, "advice"), languages),
        patterns=compiled,
        unless=_patterns(data.get("unless"), _where(file, ind_id, "unless")),
        reassure=_patterns(data.get("reassure"), _where(file, ind_id, "reassure")),
        rule=rule,
        question=_question(data.get("question"), ind_id, file, languages),
        **_learned(data.get("learned"), _where(file, ind_id, "learned")),
        combinations=combinations,
    )


def _learned(data: Any, where: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{where}: expected threshold and/or countries")
    threshold = data.get("threshold")
    if threshold is not None and not (isinstance(threshold, int | float) and 0 < threshold <= 1):
        raise CatalogueError(f"{where}.threshold: a probability between 0 and 1")
    countries = data.get("countries") or []
    if not isinstance(countries, list):
        raise CatalogueError(f"{where}.countries: a list of country codes")
    return {
        "learned_threshold": None if threshold is None else float(threshold),
        "learned_countries": frozenset(str(c) for c in countries),
    }


def parse_policy(data: Any, file: str) -> Policy:
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{file}: policy: missing")
    rules = {lvl: dict(data.get(lvl) or {}) for lvl in ("critical", "high", "medium")}
    bands = {k: (int(v[0]), int(v[1])) for k, v in dict(data.get("bands") or {}).items()}
    if set(bands) != {"low", "medium", "high", "critical"}:
        raise CatalogueError(f"{file}: policy: bands: need low, medium, high and critical")
    weights = {k: int(v) for k, v in dict(data.get("weights") or {}).items()}
    return Policy(rules=rules, weights=weights, bands=bands)
