"""Training the offer model: labelled clauses, risky offers whose signs are located, embeddings.

A risky training offer says which signs it has, not where: the clause the first n-gram model
finds likeliest for each sign becomes a training example when at least this likely. With an
embedder, the joint model is fitted on the same clauses and their embeddings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.nlu.linear import LinearIntentModel, fit_linear
from bot.engine.offer.clause_text import clause_text
from bot.engine.offer.model import (
    DENSE_SCALE,
    MIN_WORDS,
    NONE,
    Embedder,
    OfferModel,
    word_count,
)
from bot.engine.offer.negation import Negation

LOCATE_PROBABILITY = 0.2
# Signs of the whole offer (who is named, how pay compares), not of one clause.
NOT_LOCATED = frozenset({"vague_employer", "unrealistic_pay"})


@dataclass(frozen=True, slots=True)
class LabelledClause:
    """One training clause and the signs it states (none: an empty tuple)."""

    text: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelledOffer:
    """A whole training offer and the signs it has, without where they are."""

    clauses: tuple[str, ...]
    labels: tuple[str, ...]


def _examples(
    rows: Sequence[LabelledClause], negation: Negation
) -> tuple[list[str], list[str], list[int]]:
    """Featurized texts and labels; a clause with two signs counts once for each."""
    texts: list[str] = []
    labels: list[str] = []
    sources: list[int] = []
    for n, row in enumerate(rows):
        featurized = clause_text(row.text, negation)
        for label in row.labels or (NONE,):
            texts.append(featurized)
            labels.append(label)
            sources.append(n)
    return texts, labels, sources


def _fit_ngrams(rows: Sequence[LabelledClause], negation: Negation) -> LinearIntentModel:
    texts, labels, _ = _examples(rows, negation)
    return fit_linear(texts, labels)


def locate(model: OfferModel, offers: Sequence[LabelledOffer]) -> list[LabelledClause]:
    """Each risky offer's signs, placed in the clause the model finds likeliest for them."""
    located: list[LabelledClause] = []
    for offer in offers:
        candidates = [c for c in offer.clauses if word_count(c) >= MIN_WORDS]
        if not candidates:
            continue
        probs = [model.probabilities(c) for c in candidates]
        for label in offer.labels:
            if label in NOT_LOCATED:
                continue
            best = max(range(len(candidates)), key=lambda i: probs[i].get(label, 0.0))
            if probs[best].get(label, 0.0) >= LOCATE_PROBABILITY:
                located.append(LabelledClause(candidates[best], (label,)))
    return located


def fit_model(
    rows: Sequence[LabelledClause],
    offers: Sequence[LabelledOffer],
    negation: Negation,
    embedder: Embedder | None = None,
) -> OfferModel:
    """Fit on the clauses, locate each risky offer's signs, fit again (and jointly)."""
    first = OfferModel(_fit_ngrams(rows, negation), negation)
    every = [*rows, *locate(first, offers)]
    linear = _fit_ngrams(every, negation)
    if embedder is None:
        return OfferModel(linear, negation)
    texts, labels, sources = _examples(every, negation)
    vectors = embedder([r.text for r in every]) * DENSE_SCALE
    joint = fit_linear(texts, labels, dense=vectors[sources])
    return OfferModel(linear, negation, joint=joint)
