"""Loading the NLU: read nlu/*.yml, hash it, train or load the cached model from disk."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import joblib
import yaml

from bot.engine.nlu.classifier import MODEL_VERSION, NluModel
from bot.engine.nlu.data import NluData, parse_nlu
from bot.engine.nlu.intent import Intent

log = logging.getLogger(__name__)

# libyaml's safe loader is ~20× faster than the pure-Python one; both are safe.
_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A model ready to parse, and how it was obtained."""

    model: NluModel
    path: Path
    trained: bool  # False when it came from the cache
    seconds: float
    counts: dict[str, dict[str, int]]


def read_nlu_files(directory: Path) -> tuple[NluData, str]:
    """The training data in `directory` (one file per language, `<code>.yml`) and a hash of
    everything that shapes it."""
    digest = hashlib.sha256(
        f"{MODEL_VERSION}|scikit-learn {version('scikit-learn')}|numpy {version('numpy')}".encode()
    )
    names = sorted(path.name for path in directory.glob("*.yml"))
    if not names:
        raise FileNotFoundError(f"{directory}: no training data (<language>.yml)")
    data = NluData()
    for name in names:
        raw = (directory / name).read_bytes()
        digest.update(name.encode() + b"\0" + raw + b"\0")
        doc = yaml.load(raw, Loader=_YamlLoader)  # a safe loader (see above)
        data = data.merged(parse_nlu(doc, name.removesuffix(".yml")))
    return data, digest.hexdigest()


def cache_path(cache_dir: Path, data_hash: str) -> Path:
    """Where the model trained from data with `data_hash` is kept."""
    return cache_dir / f"nlu-{data_hash[:20]}.joblib"


def _load_cached(path: Path, data_hash: str) -> NluModel | None:
    try:
        # The cache is written only by this process family into our own cache dir; joblib
        # (pickle) must never be pointed at files from elsewhere.
        model = joblib.load(path)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or incompatible file is just a cache miss
        log.warning("nlu: cached model %s unreadable, retraining", path, exc_info=True)
        return None
    if not isinstance(model, NluModel) or model.data_hash != data_hash:
        log.warning("nlu: cached model %s does not match the data, retraining", path)
        return None
    return model


def _save(model: NluModel, path: Path) -> None:
    """Write atomically so that a concurrent reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        joblib.dump(model, tmp, compress=3)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _remove_stale(current: Path) -> None:
    """Drop models of older data; running processes keep theirs in memory."""
    for old in current.parent.glob("nlu-*.joblib"):
        if old != current:
            old.unlink(missing_ok=True)


def load_model(content_dir: Path, cache_dir: Path, *, retrain: bool = False) -> LoadedModel:
    """The model for `content_dir/nlu`: cached if the data is unchanged, else trained now."""
    started = time.perf_counter()
    data, data_hash = read_nlu_files(content_dir / "nlu")
    path = cache_path(cache_dir, data_hash)
    model = None if retrain else _load_cached(path, data_hash)
    trained = model is None
    if model is None:
        model = NluModel.train(data, data_hash=data_hash)
        _save(model, path)
        _remove_stale(path)
    seconds = time.perf_counter() - started
    log.info("nlu: %s %s in %.2f s", "trained" if trained else "loaded", path.name, seconds)
    return LoadedModel(model, path, trained, seconds, data.counts())


def train_from_data(data: NluData, cache_dir: Path, threshold: float) -> Callable[[str], Intent]:
    """A classifier for in-memory training data (published revisions); cached by its hash."""
    digest = hashlib.sha256(
        f"{MODEL_VERSION}|scikit-learn {version('scikit-learn')}|numpy {version('numpy')}".encode()
    )
    digest.update(repr(data).encode())
    data_hash = digest.hexdigest()
    path = cache_path(cache_dir / "published", data_hash)  # apart from the files' model
    model = _load_cached(path, data_hash)
    if model is None:
        model = NluModel.train(data, data_hash=data_hash)
        _save(model, path)
        _remove_stale(path)
        log.info("nlu: trained %s from published content", path.name)
    return model.classifier(threshold)


def read_test_data(directory: Path) -> NluData:
    """A held-out test set in the same layout as the training data."""
    return read_nlu_files(directory)[0]


def make_classifier(
    content_dir: Path, cache_dir: Path, threshold: float
) -> Callable[[str], Intent]:
    """The dialogue's classifier: the cached (or freshly trained) model with `threshold`."""
    return load_model(content_dir, cache_dir).model.classifier(threshold)
