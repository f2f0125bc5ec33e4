"""The offer check: a case in, an assessment out (level, score, findings, questions, advice)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from bot.engine.extract.facts import Facts, extract_facts
from bot.engine.offer.case import AskedQuestion, Assessment, Evidence, Finding, OfferCase
from bot.engine.offer.catalogue import Catalogue, Indicator
from bot.engine.offer.find import find_sign, learned_readings
from bot.engine.offer.indicator import Question
from bot.engine.offer.match import (
    Span,
)
from bot.engine.offer.rules import nobody_named
from bot.engine.text.clauses import whole_words
from bot.engine.text.language import detect, fold_with_map, reply_language

LEVELS = ("low", "medium", "high", "critical")
# Longer texts are cut: a forwarded chat log is not an offer, and time must stay bounded
# (a 100 KB paste is checked on its first 8 000 characters, and the person is told so; a
# Telegram message holds at most 4 096).
MAX_CHARS = 8_000
DETECT_CHARS = 400


def offer_language(case: OfferCase, languages: Sequence[str]) -> str:
    """The language to answer in: the case's own, else detected, else the detector's guess."""
    if case.language is not None and case.language in languages:
        return case.language
    return reply_language(detect(case.full_text[:DETECT_CHARS]), None, None, languages)


def risk_level(severities: Sequence[str], rules: Mapping[str, Mapping[str, Any]]) -> str:
    """The level by the policy: any sign of a severity, or enough signs of a lower one."""
    counts = Counter(severities)
    for level in ("critical", "high", "medium"):
        rule = rules.get(level, {})
        if counts[str(rule.get("any", level))] > 0:
            return level
        for severity, needed in dict(rule.get("count") or {}).items():
            if counts[str(severity)] >= int(needed):
                return level
    return "low"


def score(level: str, severities: Sequence[str], catalogue: Catalogue) -> int:
    """0-100: the sum of severity weights, kept inside the level's band."""
    low, high = catalogue.policy.bands[level]
    total = sum(catalogue.policy.weights.get(s, 0) for s in severities)
    return max(low, min(high, total))


def _finding(ind: Indicator, lang: str, evidence: Sequence[Evidence]) -> Finding:
    return Finding(
        ind.id, ind.severity, ind.name[lang], ind.explanation[lang], ind.advice[lang],
        tuple(evidence),
    )  # fmt: skip


def _unnamed(
    catalogue: Catalogue, text: str, facts: Facts, findings: Sequence[Finding], lang: str
) -> list[Finding]:
    """Next to another warning sign, an offer naming nobody at all has a vague employer."""
    ind = next((i for i in catalogue.indicators if i.rule == "no_named_employer"), None)
    if ind is None or not findings or any(f.id == ind.id for f in findings):
        return []
    spans = nobody_named(text, facts.entities)
    return [_finding(ind, lang, [_quote(text, s) for s in spans])] if spans else []


def _quote(text: str, span: Span) -> Evidence:
    """The words of a span, widened to whole words («за визу 800$», not «за визу 8»)."""
    start, end = whole_words(text, span.start, span.end)
    return Evidence(text[start:end], start, end)


def _answered(case: OfferCase, q: Question, catalogue: Catalogue, lang: str) -> list[Evidence]:
    """The user's answer as evidence when it means the sign: their own words, if kept."""
    yes = case.answers[q.id]
    if yes != (q.yes_means == "risk"):
        return []
    label = catalogue.text("headings", "answer_yes" if yes else "answer_no", lang)
    return [Evidence(case.words.get(q.id) or f"{q.text[lang]} — {label}", None, None)]


def assess(case: OfferCase, catalogue: Catalogue) -> Assessment:
    """Check an offer case against the catalogue; reproducible from the case alone."""
    lang = offer_language(case, catalogue.languages)
    full = case.full_text
    text, cut = full[:MAX_CHARS], len(full) > MAX_CHARS
    if not text.strip():
        return Assessment(
            language=lang,
            risk_level="low",
            score=0,
            findings=(),
            facts=Facts(),
            questions=(),
            advice=(),
            empty=True,
            message=catalogue.text("messages", "empty", lang),
        )
    folded, index_map = fold_with_map(text)
    facts = extract_facts(text, (folded, index_map))
    learned = learned_readings(catalogue, text)
    findings: list[Finding] = []
    questions: list[tuple[int, AskedQuestion]] = []
    for ind in catalogue.indicators:
        spans, resolved = find_sign(ind, catalogue, text, folded, index_map, facts, learned)
        evidence = [_quote(text, s) for s in spans]
        q = ind.question
        if q and q.id in case.answers:
            evidence += _answered(case, q, catalogue, lang)
            resolved = True
        if evidence:
            findings.append(_finding(ind, lang, evidence))
        elif q and not resolved and (facts.country or "") not in q.skip_countries:
            questions.append((q.priority, AskedQuestion(q.id, q.text[lang], (ind.id,))))
    findings += _unnamed(catalogue, text, facts, findings, lang)
    severities = [f.severity for f in findings]
    level = risk_level(severities, catalogue.policy.rules)
    order = {s: i for i, s in enumerate(("critical", "high", "medium"))}
    findings.sort(key=lambda f: order.get(f.severity, 9))
    general = [str(a[lang]).strip() for a in catalogue.texts["advice"].get(level, ())]
    return Assessment(
        language=lang,
        risk_level=level,
        score=score(level, severities, catalogue),
        findings=tuple(findings),
        facts=facts,
        questions=tuple(q for _, q in sorted(questions, key=lambda pq: pq[0])),
        advice=tuple([f.advice for f in findings] + general),
        message=catalogue.text("messages", "truncated", lang) if cut else None,
    )


def check_text(text: str, catalogue: Catalogue, language: str | None = None) -> Assessment:
    """Assess one offer text (a case with a single text)."""
    return assess(OfferCase(texts=(text,), language=language), catalogue)
