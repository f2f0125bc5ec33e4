"""`nlu test`: cross-validation and held-out evaluation written as Rasa-style report files."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np

matplotlib.use("Agg")  # headless: reports are written on servers and in CI

import matplotlib.pyplot as plt

from bot.engine.nlu.classifier import NluModel
from bot.engine.nlu.evaluate import (
    Prediction,
    accuracy,
    accuracy_by_language,
    confusion,
    cross_validate,
    detection_accuracy,
    evaluate,
    intent_errors,
    intent_report,
)
from bot.engine.text.language import detect
from bot.services.nlu.model import read_nlu_files, read_test_data

log = logging.getLogger(__name__)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def plot_confusion(predictions: Sequence[Prediction], path: Path, title: str) -> None:
    """Save the confusion matrix as a PNG."""
    labels, matrix = confusion(predictions)
    fig, ax = plt.subplots(figsize=(11, 10))
    try:
        ax.imshow(matrix, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels, rotation=90)
        ax.set_yticks(range(len(labels)), labels)
        for (row, col), value in np.ndenumerate(matrix):
            if value:
                colour = "white" if value > matrix.max() / 2 else "black"
                ax.text(col, row, str(value), ha="center", va="center", color=colour, fontsize=7)
        ax.set_xlabel("predicted intent")
        ax.set_ylabel("true intent")
        ax.set_title(title)
        fig.tight_layout()
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)


def write_reports(predictions: Sequence[Prediction], out_dir: Path, title: str) -> None:
    """intent_report.json, intent_errors.json and intent_confusion_matrix.png in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json(out_dir / "intent_report.json", intent_report(predictions))
    _write_json(out_dir / "intent_errors.json", intent_errors(predictions))
    plot_confusion(predictions, out_dir / "intent_confusion_matrix.png", title)


def corpus_detection(corpora_dir: Path) -> dict[str, dict[str, float | int]]:
    """Language detection on each `*.jsonl` corpus whose lines carry "text" and "lang"."""
    out: dict[str, dict[str, float | int]] = {}
    for path in sorted(corpora_dir.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if "text" in r and r.get("lang")]
        if rows:
            right = sum(detect(r["text"]).language == r["lang"] for r in rows)
            out[path.stem] = {"accuracy": right / len(rows), "count": len(rows)}
    return out


def run_test(
    *,
    content_dir: Path,
    test_dir: Path,
    out_dir: Path,
    threshold: float,
    folds: int = 5,
    corpora_dir: Path | None = None,
) -> dict[str, Any]:
    """Cross-validate on nlu/, evaluate on the held-out set, write reports; return the figures."""
    data, data_hash = read_nlu_files(content_dir / "nlu")
    summary: dict[str, Any] = {"threshold": threshold, "folds": folds}
    if folds >= 2:
        cv = cross_validate(data, folds=folds, threshold=threshold)
        write_reports(cv, out_dir / "cross_validation", f"{folds}-fold cross-validation")
        summary["cross_validation"] = {
            "accuracy": accuracy(cv),
            "accuracy_by_language": accuracy_by_language(cv),
        }
    model = NluModel.train(data, data_hash=data_hash)
    held_out = evaluate(model, read_test_data(test_dir).examples, threshold)
    write_reports(held_out, out_dir, "held-out test set")
    summary["test"] = {
        "accuracy": accuracy(held_out),
        "accuracy_by_language": accuracy_by_language(held_out),
        "language_detection": detection_accuracy(held_out),
        "fallbacks": sum(p.fallback for p in held_out),
        "count": len(held_out),
    }
    if corpora_dir is not None and corpora_dir.is_dir():
        summary["corpus_language_detection"] = corpus_detection(corpora_dir)
    _write_json(out_dir / "summary.json", summary)
    return summary
