"""The offer check's learned model: read its training data, train once, cache on disk.

Training data lives in knowledge/offer_model/: the labelled sentence bank (sentences_*.jsonl)
and the training part of the offer corpus (offers_train.jsonl, whose honest offers give
clauses that state no sign). The model is keyed by a hash of those files, of the negation
cues it reads with, of the library versions and of the sentence embedder (services/embedder);
a second start loads it in milliseconds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import joblib

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.model import MODEL_VERSION, OfferModel
from bot.engine.offer.model_fit import LabelledClause, LabelledOffer, fit_model
from bot.engine.offer.negation import Negation
from bot.engine.text.clauses import clauses
from bot.services.embedder import cached, embedder

log = logging.getLogger(__name__)

FOLDER = Path("knowledge/offer_model")
DEFAULT_CACHE = Path("var/cache")
# The training data ships with the content seed (the repository's knowledge/), like nlu/.
SEED_DIR = Path(__file__).resolve().parents[2]


def _files(content_dir: Path) -> list[Path]:
    return sorted((content_dir / FOLDER).glob("*.jsonl"))


def read_training(
    content_dir: Path,
) -> tuple[list[LabelledClause], list[LabelledOffer], str]:
    """The labelled clauses, the risky offers, and a hash of the files they came from."""
    digest = hashlib.sha256(
        f"{MODEL_VERSION}|sklearn {version('scikit-learn')}|numpy {version('numpy')}".encode()
    )
    rows: list[LabelledClause] = []
    offers: list[LabelledOffer] = []
    for path in _files(content_dir):
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        for line in raw.decode("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            text = str(item["text"])
            if "labels" in item:  # a sentence of the bank
                rows.append(LabelledClause(text, tuple(item["labels"])))
            else:
                parts = tuple(text[c.start : c.end] for c in clauses(text))
                if item.get("honest"):  # an honest offer: none of its clauses states a sign
                    rows += [LabelledClause(part) for part in parts]
                else:
                    offers.append(LabelledOffer(parts, tuple(item.get("indicators") or ())))
    return rows, offers, digest.hexdigest()


def load_model(
    content_dir: Path, negation: Negation, cache_dir: Path = DEFAULT_CACHE
) -> OfferModel:
    """The model for this content: from the cache when nothing changed, else trained now."""
    rows, offers, data_hash = read_training(content_dir)
    embed = embedder()
    reader = embed.name if embed else "ngrams"
    key = hashlib.sha256(f"{data_hash}|{negation.fingerprint()}|{reader}".encode()).hexdigest()
    path = cache_dir / f"offer-{key[:20]}.joblib"
    try:
        # Written only by this process family into our own cache directory.
        model = joblib.load(path)
        if isinstance(model, OfferModel):
            return dataclasses.replace(model, negation=negation, embedder=embed)
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or incompatible file is just a cache miss
        log.warning("offer model: cache %s unreadable, retraining", path, exc_info=True)
    model = fit_model(rows, offers, negation, cached(embed, cache_dir) if embed else None)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        os.close(fd)
        joblib.dump(model, tmp, compress=3)  # without the embedder: it is attached on load
        os.replace(tmp, path)
    except OSError:
        log.warning("offer model: could not write the cache %s", path, exc_info=True)
    return dataclasses.replace(model, embedder=embed)


@lru_cache(maxsize=4)
def _shared(content_dir: Path, negation: Negation, cache_dir: Path) -> OfferModel | None:
    if not _files(content_dir):
        return None
    model = load_model(content_dir, negation, cache_dir)
    # Loads pymorphy3's dictionaries and warms the embedder now, not in a user's turn.
    model.read(["паспорт хранится у работодателя"])
    return model


def with_model(
    catalogue: Catalogue, content_dir: Path = SEED_DIR, cache_dir: Path = DEFAULT_CACHE
) -> Catalogue:
    """The catalogue with the learned model attached (one per process and content)."""
    model = _shared(content_dir.resolve(), catalogue.negation, cache_dir)
    if model is None:
        return catalogue
    thresholds = {
        ind.id: ind.learned_threshold
        for ind in catalogue.indicators
        if ind.learned_threshold is not None
    }
    return dataclasses.replace(catalogue, model=dataclasses.replace(model, thresholds=thresholds))
