"""The learned second opinion: which warning sign, if any, a clause states.

Two linear models over the featurized clause (lemmas, stems, negation marks; see
clause_text), trained on a labelled sentence bank of offers' clauses in Kyrgyz and Russian,
negated and honest ones included:

- `linear` reads character and word n-grams; it is cheap and reads every clause;
- `joint` reads the same n-grams together with a multilingual sentence embedding in one
  SVM, so both signals meet in one calibrated probability. It generalises to paraphrases
  (Kyrgyz ↔ Russian, word order, negation far from its noun) and is as precise at lower
  thresholds, but an embedding costs milliseconds: it reads only the clauses the n-gram model
  finds at least a little likely to state a sign, at most `MAX_EMBEDDED` of them.

Without an embedder (the package missing, or its model file not the pinned one) the n-gram
model alone decides, at the thresholds staff set. Scoring needs numpy only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.engine.nlu.linear import LinearIntentModel
from bot.engine.offer.clause_text import clause_text
from bot.engine.offer.negation import Negation

NONE = "none"
MODEL_VERSION = "offer-clauses-3"
MIN_WORDS = 3  # a shorter clause («Турция, Стамбул») holds too little to read a sign in
# Tuned on offers_dev and tests/data/offers.jsonl (0.5-0.9 tried), before dev1-7 went into
# the training data (2026-12-03); not re-tuned since.
DEFAULT_THRESHOLD = 0.9
# The joint model is as precise 0.2 lower (dev parts: 0, 0.2, 0.4 tried; on 2026-12-03, with
# dev1-7 trained on, 0.3 on dev8-9 gained one sign and cost precision 0.004).
JOINT_SHIFT = 0.2
# Clauses the n-gram model gives less than this for every sign are not embedded (0.02, 0.1
# and 0.3 gave the same development figures); nor more than MAX_EMBEDDED per offer.
CANDIDATE_FLOOR = 0.1
MAX_EMBEDDED = 5
# An embedding's cost grows with its length: the clauses embedded for one offer hold at most
# this many characters together (each clause read by its start).
EMBED_BUDGET = 1000
# Each clause embedded costs ~20 ms whatever its length (measured on this 2-core machine).
# A paste longer than any offer (the longest of ~2,700 written offers is 1.6 KB) has its
# two likeliest clauses embedded, since reading all its other clauses costs as much again:
# a 100 KB paste then stays within a 2 KB offer's time (bench/offer_bench.py).
LONG_TEXT = 3000
LONG_EMBEDDED = 2
CLAUSE_CHARS = 300
DENSE_SCALE = 2.0  # the embedding's weight beside the n-grams (0, 1, 2, 3 tried)

# Texts → one L2-normalised row each; attached by the services, never pickled with the model.
Embedder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True, eq=False)
class OfferModel:
    """Fitted clause classifiers and the probability each sign needs to count."""

    linear: LinearIntentModel
    negation: Negation
    thresholds: Mapping[str, float] = field(default_factory=dict)
    joint: LinearIntentModel | None = None
    embedder: Embedder | None = None

    def read(self, clauses: Sequence[str]) -> list[dict[str, float]]:
        """For each clause, the signs it states and their probability."""
        featurized = [clause_text(c, self.negation) for c in clauses]
        first = [self._probs(self.linear, f) for f in featurized]
        if self.joint is None or self.embedder is None:
            return [self._over(p, 0.0) for p in first]
        out: list[dict[str, float]] = [{} for _ in clauses]
        long = sum(len(c) for c in clauses) > LONG_TEXT
        ranked = sorted(
            (i for i, p in enumerate(first) if _best_sign(p) >= CANDIDATE_FLOOR),
            key=lambda i: -_best_sign(first[i]),
        )[: LONG_EMBEDDED if long else MAX_EMBEDDED]
        likely: list[int] = []
        spent = 0
        for i in ranked:
            spent += min(len(clauses[i]), CLAUSE_CHARS)
            if likely and spent > EMBED_BUDGET:
                break
            likely.append(i)
        if likely:
            rows = self.embedder([clauses[i][:CLAUSE_CHARS] for i in likely]) * DENSE_SCALE
            for i, row in zip(likely, rows, strict=True):
                out[i] = self._over(self._probs(self.joint, featurized[i], row), JOINT_SHIFT)
        return out

    def probabilities(self, clause: str) -> dict[str, float]:
        """Every class's probability for this clause by the n-gram model (for locating)."""
        return self._probs(self.linear, clause_text(clause, self.negation))

    def _over(self, probs: Mapping[str, float], shift: float) -> dict[str, float]:
        out = {}
        for name, p in probs.items():
            threshold = self.thresholds.get(name, DEFAULT_THRESHOLD)
            # 1.0 is staff's "never from the model" (numeric signs): no shift lowers it.
            if name != NONE and threshold < 1.0 and p >= threshold - shift:
                out[name] = p
        return out

    @staticmethod
    def _probs(
        model: LinearIntentModel, featurized: str, dense: np.ndarray | None = None
    ) -> dict[str, float]:
        probs = model.probabilities(featurized, dense)
        return {n: float(p) for n, p in zip(model.classes, probs, strict=True)}


def _best_sign(probs: Mapping[str, float]) -> float:
    return max((p for name, p in probs.items() if name != NONE), default=0.0)


def word_count(clause: str) -> int:
    """Words with letters in them: a dash or an emoji is no word."""
    return sum(1 for w in clause.split() if any(ch.isalpha() for ch in w))
