"""Evaluation in the shape of `rasa test nlu`: per-intent report, errors, confusion, CV."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import classification_report, confusion_matrix
from sklearn.model_selection import StratifiedKFold

from bot.engine.nlu.classifier import DEFAULT_THRESHOLD, NluModel
from bot.engine.nlu.data import OUT_OF_SCOPE, Example, NluData
from bot.engine.text.language import detect


@dataclass(frozen=True, slots=True)
class Prediction:
    """One evaluated example: what it is, what the model said, and the detected language."""

    text: str
    language: str
    intent: str
    predicted: str
    confidence: float
    detected_language: str
    fallback: bool


def evaluate(
    model: NluModel, examples: Sequence[Example], threshold: float = DEFAULT_THRESHOLD
) -> list[Prediction]:
    """Predict every example as production would (below `threshold` → out_of_scope)."""
    out = []
    for example, ranking in zip(examples, model.rank([e.text for e in examples]), strict=True):
        best = ranking[0]
        fallback = best.confidence < threshold
        predicted = OUT_OF_SCOPE if fallback else best.name
        detected = detect(example.text).language
        out.append(
            Prediction(
                example.text,
                example.language,
                example.intent,
                predicted,
                best.confidence,
                detected,
                fallback,
            )
        )
    return out


def cross_validate(
    data: NluData, folds: int = 5, threshold: float = DEFAULT_THRESHOLD, seed: int = 0
) -> list[Prediction]:
    """Stratified (by language and intent) k-fold predictions over the training data."""
    examples = data.examples
    strata = [f"{e.language}:{e.intent}" for e in examples]
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    out: list[Prediction] = []
    for train_idx, test_idx in splitter.split(np.zeros(len(strata)), strata):
        train = NluData(
            tuple(examples[i] for i in train_idx), data.synonyms, data.regexes, data.lookups
        )
        model = NluModel.train(train, seed=seed)
        out.extend(evaluate(model, [examples[i] for i in test_idx], threshold))
    return out


def intent_report(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Per-intent precision/recall/f1/support/confused_with, accuracy, macro and weighted avg."""
    truth = [p.intent for p in predictions]
    guess = [p.predicted for p in predictions]
    labels = sorted(set(truth) | set(guess))
    report: dict[str, Any] = classification_report(
        truth, guess, labels=labels, output_dict=True, zero_division=0
    )
    for label in labels:
        confused = Counter(p.predicted for p in predictions if p.intent == label != p.predicted)
        report[label]["confused_with"] = dict(confused.most_common(3))
    report["accuracy"] = accuracy(predictions)
    return report


def intent_errors(predictions: Sequence[Prediction]) -> list[dict[str, Any]]:
    """The misclassified examples, Rasa's intent_errors.json shape plus language and fallback."""
    return [
        {
            "text": p.text,
            "intent": p.intent,
            "intent_prediction": {"name": p.predicted, "confidence": p.confidence},
            "language": p.language,
            "fallback": p.fallback,
        }
        for p in predictions
        if p.predicted != p.intent
    ]


def accuracy(predictions: Sequence[Prediction]) -> float:
    """Share of examples whose intent was predicted right (0.0 for none)."""
    return (
        sum(p.predicted == p.intent for p in predictions) / len(predictions) if predictions else 0.0
    )


def accuracy_by_language(predictions: Sequence[Prediction]) -> dict[str, float]:
    """Intent accuracy per language of the example's file."""
    languages = sorted({p.language for p in predictions})
    return {lang: accuracy([p for p in predictions if p.language == lang]) for lang in languages}


def detection_accuracy(predictions: Sequence[Prediction]) -> dict[str, float]:
    """Share of examples whose language was detected as the language of their file."""
    languages = sorted({p.language for p in predictions})
    out = {}
    for lang in languages:
        mine = [p for p in predictions if p.language == lang]
        out[lang] = sum(p.detected_language == lang for p in mine) / len(mine)
    return out


def confusion(predictions: Sequence[Prediction]) -> tuple[list[str], np.ndarray]:
    """Labels and the confusion matrix (rows: true intent, columns: predicted)."""
    labels = sorted({p.intent for p in predictions} | {p.predicted for p in predictions})
    matrix = confusion_matrix(
        [p.intent for p in predictions], [p.predicted for p in predictions], labels=labels
    )
    return labels, np.asarray(matrix)
