"""TF-IDF n-grams + linear SVM, trained with scikit-learn and scored without it.

scikit-learn fits the vocabularies, IDF weights and the SVM; a message is then scored with a
dictionary look-up per n-gram and one small matrix product, because the per-call overhead of
`transform`/`predict_proba` alone (~5 ms) would eat the whole latency budget. Probabilities
come from temperature scaling fitted on cross-validated decision values (calibrated, and one
parameter cannot overfit ~1,700 examples).

An optional dense block (e.g. a sentence embedding, one row per text) is fitted in the same
SVM beside the n-grams, so both signals meet in one calibrated decision.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise, repeat

import numpy as np

SVM_C = 0.5
CALIBRATION_FOLDS = 5


def char_ngrams(text: str) -> list[str]:
    """Character 2–5-grams inside space-padded words (scikit-learn's `char_wb`)."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        grams += [padded[i : i + n] for n in (2, 3, 4, 5) for i in range(size - n + 1)]
    return grams


def word_ngrams(text: str) -> list[str]:
    """Words and word pairs."""
    words = text.split()
    return words + [f"{a} {b}" for a, b in pairwise(words)]


ANALYZERS: dict[str, Callable[[str], list[str]]] = {"chars": char_ngrams, "words": word_ngrams}


@dataclass(frozen=True, slots=True, eq=False)
class Block:
    """One vectorizer's vocabulary and IDF weights, and where its columns start."""

    kind: str
    vocabulary: dict[str, int]
    idf: np.ndarray
    offset: int


@dataclass(frozen=True, slots=True, eq=False)
class LinearIntentModel:
    """Weights (features × classes), bias, temperature and the vectorizers' data."""

    classes: tuple[str, ...]
    blocks: tuple[Block, ...]
    weights: np.ndarray
    bias: np.ndarray
    temperature: float
    dense_weights: np.ndarray | None = None  # (dense dims × classes), after the n-grams

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values of `text` (each block L2-normalised, as sklearn)."""
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for block in self.blocks:
            grams = ANALYZERS[block.kind](text)
            # map() with a bound dict.get keeps the per-n-gram work in C.
            found = np.fromiter(map(block.vocabulary.get, grams, repeat(-1)), np.int64, len(grams))
            idx, counts = np.unique(found[found >= 0], return_counts=True)
            if not idx.size:
                continue
            weighted = (1.0 + np.log(counts)) * block.idf[idx]
            columns.append(idx + block.offset)
            values.append(weighted / np.linalg.norm(weighted))
        if not columns:
            return np.empty(0, np.int64), np.empty(0, float)
        return np.concatenate(columns), np.concatenate(values)

    def probabilities(self, text: str, dense: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probability of each class for one (already featurized) text.

        `dense` is the text's row of the dense block the model was fitted with (if any).
        """
        columns, values = self.vector(text)
        scores = values @ self.weights[columns] + self.bias if columns.size else self.bias.copy()
        if self.dense_weights is not None and dense is not None:
            scores = scores + dense @ self.dense_weights
        scaled = scores / self.temperature
        exp = np.exp(scaled - scaled.max())
        result: np.ndarray = exp / exp.sum()
        return result


def _two_columns(scores: np.ndarray) -> np.ndarray:
    """Binary SVMs score only the second class; give the first one the opposite score."""
    if scores.ndim == 1:
        scores = scores[:, None]
    return np.hstack([-scores, scores]) if scores.shape[1] == 1 else scores


def _fit_temperature(decisions: np.ndarray, labels: np.ndarray) -> float:
    """The T minimising the log loss of softmax(decisions / T) on held-out decisions."""

    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    def loss(log_t: float) -> float:
        logp = log_softmax(decisions / math.exp(log_t), axis=1)
        return float(-logp[np.arange(len(labels)), labels].mean())

    best = minimize_scalar(loss, bounds=(-5.0, 3.0), method="bounded")
    return float(math.exp(best.x))


def fit_linear(
    texts: Sequence[str],
    labels: Sequence[str],
    seed: int = 0,
    dense: np.ndarray | None = None,
) -> LinearIntentModel:
    """Fit vectorizers, SVM and temperature on featurized `texts` (and their dense rows)."""
    # Imported here: parsing with a cached model never needs scikit-learn, and importing it
    # costs about a second at every start of the bot and the command line.
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.svm import LinearSVC

    vectorizers = {
        kind: TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float64)
        for kind, analyzer in ANALYZERS.items()
    }
    matrices = [v.fit_transform(texts) for v in vectorizers.values()]
    if dense is not None:
        matrices.append(sp.csr_matrix(dense))
    features = sp.hstack(matrices).tocsr()
    svm = LinearSVC(C=SVM_C, class_weight="balanced", random_state=seed)
    svm.fit(features, list(labels))
    classes = tuple(str(c) for c in svm.classes_)
    label_idx = np.asarray([classes.index(label) for label in labels])
    folds = min(CALIBRATION_FOLDS, int(np.bincount(label_idx).min()))
    if folds >= 2:
        cv = StratifiedKFold(folds, shuffle=True, random_state=seed)
        held_out = cross_val_predict(
            LinearSVC(C=SVM_C, class_weight="balanced", random_state=seed),
            features,
            label_idx,
            cv=cv,
            method="decision_function",
        )
        temperature = _fit_temperature(_two_columns(np.asarray(held_out, dtype=float)), label_idx)
    else:
        temperature = 1.0  # too few examples per class to hold any out
    blocks, offset = [], 0
    for kind, vectorizer in vectorizers.items():
        vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        blocks.append(Block(kind, vocabulary, np.asarray(vectorizer.idf_, dtype=float), offset))
        offset += len(vocabulary)
    all_weights = _two_columns(np.asarray(svm.coef_, dtype=float).T)
    weights = np.ascontiguousarray(all_weights[:offset])
    dense_weights = None if dense is None else np.ascontiguousarray(all_weights[offset:])
    bias = _two_columns(np.asarray(svm.intercept_, dtype=float)[None, :])[0]
    return LinearIntentModel(classes, tuple(blocks), weights, bias, temperature, dense_weights)
