"""The built-in intent classifier and its Rasa-shaped parse result (pure: callers load data).

Character n-grams (2–5, within words) and word n-grams (1–2) of the folded text, TF-IDF
weighted, feed a linear SVM whose scores are turned into probabilities by temperature scaling
fitted on cross-validated decisions (see `nlu_linear`). Below `threshold` the result is
`out_of_scope` with `fallback` set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.engine.extract.facts import find_entities
from bot.engine.nlu.data import OUT_OF_SCOPE, NluData
from bot.engine.nlu.features import Featurizer
from bot.engine.nlu.intent import Intent
from bot.engine.nlu.linear import LinearIntentModel, fit_linear
from bot.engine.text.language import detect

MODEL_VERSION = "sapar-nlu-2"  # bump when features or estimator change: invalidates caches
DEFAULT_THRESHOLD = 0.45
RANKING_SIZE = 10
MAX_ENTITY_CHARS = 20_000  # no offer is longer; bounds the work on a 100 KB paste


@dataclass(frozen=True, slots=True)
class IntentScore:
    """One intent and its calibrated probability."""

    name: str
    confidence: float


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a text means: Rasa's parse result plus the language and the fallback flag."""

    text: str
    language: str
    intent: IntentScore
    ranking: tuple[IntentScore, ...]
    entities: tuple[dict[str, Any], ...]
    fallback: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `POST /model/parse`, with "language" and "fallback" added."""
        return {
            "text": self.text,
            "language": self.language,
            "intent": {"name": self.intent.name, "confidence": self.intent.confidence},
            "intent_ranking": [{"name": r.name, "confidence": r.confidence} for r in self.ranking],
            "entities": [dict(e) for e in self.entities],
            "fallback": self.fallback,
        }

    def as_intent(self) -> Intent:
        """The dialogue's view of this result."""
        return Intent(self.intent.name, self.intent.confidence, self.entities)


def entities_of(text: str) -> tuple[dict[str, Any], ...]:
    """The shared entity finder's results in Rasa's shape (rule-based, so confidence 1.0)."""
    return tuple(
        {"entity": e.entity, "value": e.value, "start": e.start, "end": e.end, "confidence": 1.0}
        for e in find_entities(text[:MAX_ENTITY_CHARS])
    )


@dataclass(frozen=True, slots=True)
class NluModel:
    """A trained classifier; build it with `train`, persist it with joblib outside the engine."""

    featurizer: Featurizer
    linear: LinearIntentModel
    data_hash: str = ""
    version: str = MODEL_VERSION

    @classmethod
    def train(cls, data: NluData, *, data_hash: str = "", seed: int = 0) -> NluModel:
        """Fit on every example of `data`."""
        if len({e.intent for e in data.examples}) < 2:
            raise ValueError("training needs examples of at least two intents")
        featurizer = Featurizer.from_data(data)
        texts = [featurizer(e.text) for e in data.examples]
        linear = fit_linear(texts, [e.intent for e in data.examples], seed=seed)
        return cls(featurizer, linear, data_hash)

    @property
    def intents(self) -> tuple[str, ...]:
        """The intents this model knows."""
        return self.linear.classes

    def rank(self, texts: Sequence[str]) -> list[list[IntentScore]]:
        """Every intent with its probability, best first, for each text."""
        return [self._rank_features(self.featurizer(text)) for text in texts]

    def _rank_features(self, features: str) -> list[IntentScore]:
        row = self.linear.probabilities(features)
        order = np.argsort(-row, kind="stable")
        return [IntentScore(self.intents[i], round(float(row[i]), 4)) for i in order]

    def parse(self, text: str, *, threshold: float = DEFAULT_THRESHOLD) -> ParseResult:
        """Language, intent (or the out_of_scope fallback), ranking and entities of `text`."""
        text = text if isinstance(text, str) else str(text)
        language = detect(text).language
        features = self.featurizer(text)
        if not features:
            # Nothing a classifier can read (empty, emoji, punctuation): certain out-of-scope.
            oos = IntentScore(OUT_OF_SCOPE, 1.0)
            return ParseResult(text, language, oos, (oos,), entities_of(text), fallback=True)
        ranking = self._rank_features(features)
        best = ranking[0]
        fallback = best.confidence < threshold
        intent = IntentScore(OUT_OF_SCOPE, best.confidence) if fallback else best
        ranking_top = tuple(ranking[:RANKING_SIZE])
        return ParseResult(text, language, intent, ranking_top, entities_of(text), fallback)

    def classifier(self, threshold: float = DEFAULT_THRESHOLD) -> Callable[[str], Intent]:
        """`Content.classify` for the dialogue: parse with `threshold`, keep intent and entities."""

        def classify(text: str) -> Intent:
            return self.parse(text, threshold=threshold).as_intent()

        return classify
