"""Finding one sign in an offer: its patterns and concepts, its rule, and the model's reading.

Patterns and combinations decide first (negation, `unless`, questions and warnings apply);
the learned model speaks only where they found nothing and nothing cancels its reading.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from bot.engine.extract.facts import Facts
from bot.engine.offer.catalogue import Catalogue, Indicator
from bot.engine.offer.match import (
    MAX_EVIDENCE,
    Span,
    asks_at,
    match_patterns,
    reassured,
    sentence_of,
)
from bot.engine.offer.model import MIN_WORDS, word_count
from bot.engine.offer.rules import agency_rule, employer_rule, findable, pay_rule, workday_rule
from bot.engine.text.clauses import clauses


def find_sign(
    ind: Indicator,
    catalogue: Catalogue,
    text: str,
    folded: str,
    index_map: list[int],
    facts: Facts,
    learned: Mapping[str, list[Span]],
) -> tuple[list[Span], bool]:
    spans, denied = match_patterns(ind, folded, index_map, catalogue.negation)
    resolved = bool(denied)
    if ind.rule == "pay_vs_reference":
        # «„Айына 6000 фунт" деп убада кылгандарга ишенбеңиз»: a warning quotes the pay.
        pay = pay_rule(catalogue, facts, folded, index_map)
        warns = catalogue.negation.warns
        spans += [sp for sp in pay if not warns(sentence_of(folded, index_map, sp))]
    elif ind.rule == "agency_registry":
        extra, permitted = agency_rule(catalogue, facts.entities)
        spans += extra
        resolved = resolved or permitted
    elif ind.rule == "no_named_employer":
        if findable(text, facts.entities):
            return [], True  # named: «подробности в лс» or the model cannot make it vague
        spans = spans or employer_rule(text, facts.entities)
    elif ind.rule == "long_workday" and not spans:
        # «с 6 до 22»: unless a schedule gives days off («2/2»), or the user asks.
        spans += [
            sp
            for sp in workday_rule(folded, index_map)
            if not any(u.search(sentence_of(folded, index_map, sp)) for u in ind.unless)
            and not asks_at(folded, index_map, sp)
        ]
    # The model's reading, where the patterns found nothing; not where the sign cannot apply
    # («разрешение не нужно» is true in Russia and Kazakhstan for Kyrgyz citizens).
    skip = ind.question.skip_countries if ind.question else frozenset()
    country = facts.country or ""
    allowed = not ind.learned_countries or country in ind.learned_countries
    if not spans and ind.id in learned and country not in skip and allowed:
        # What cancels a pattern cancels the model's reading too («паспорт будет у меня»).
        # A negated pattern does not: a loose pattern is "denied" by a cue the sign needs
        # («эч нерсе айтпа» at the consulate), and a missed sign is worse than a false alarm.
        kept = [sp for sp in learned[ind.id] if _stands(ind, catalogue, folded, index_map, sp)]
        resolved = resolved or len(kept) < len(learned[ind.id])
        spans = kept
    return spans, resolved or (not spans and reassured(ind, folded))


def _denied(catalogue: Catalogue, sentence: str) -> bool:
    """A warning about the sign, or a sentence that takes back what it said."""
    return catalogue.negation.warns(sentence) or catalogue.negation.takes_back(sentence)


def _stands(
    ind: Indicator, catalogue: Catalogue, folded: str, index_map: list[int], span: Span
) -> bool:
    """Whether the model's reading stands: its sentence's `unless` does not cancel it, as it
    cancels a pattern's match («…, бирок ал ай да толук төлөнөт»), nor does a warning or a
    taking back; it is no question, nor what the asker heard."""
    sentence = sentence_of(folded, index_map, span)
    return (
        not any(u.search(sentence) is not None for u in ind.unless)
        and not _denied(catalogue, sentence)
        and not asks_at(folded, index_map, span)
        and not catalogue.negation.heard(folded, bisect_left(index_map, span.start))
    )


def learned_readings(catalogue: Catalogue, text: str) -> dict[str, list[Span]]:
    """The clauses in which the learned model reads each sign (empty without a model)."""
    model = catalogue.model
    found: dict[str, list[Span]] = {}
    if model is None:
        return found
    # «Турция, Стамбул», «Спросите Гаухар»: too little to read a sign in.
    spans = [c for c in clauses(text) if word_count(text[c.start : c.end]) >= MIN_WORDS]
    readings = model.read([text[c.start : c.end] for c in spans])
    for clause, signs in zip(spans, readings, strict=True):
        for sign in signs:
            found.setdefault(sign, []).append(Span(clause.start, clause.end))
    return {sign: spans[:MAX_EVIDENCE] for sign, spans in found.items()}
