"""Loading the offer-check knowledge (knowledge/*.yml) from a content directory.

File reading lives here so that the engine stays pure; the engine validates and compiles.
Errors name the file, the item and the field (`OfferKnowledgeError`).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.engine.content.languages import DOCUMENT as LANGUAGES_DOCUMENT
from bot.engine.content.languages import ContentError, Languages
from bot.engine.offer.catalogue import Catalogue, CatalogueError
from bot.services.offer_model import with_model

FILES = ("indicators.yml", "wages.yml", "agencies.yml", "offer_texts.yml")


class OfferKnowledgeError(Exception):
    """A knowledge file is missing, is not valid YAML, or fails validation."""


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OfferKnowledgeError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise OfferKnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise OfferKnowledgeError(f"{path}: expected a mapping at the top")
    return data


def load_catalogue(content_dir: Path) -> Catalogue:
    """Read and compile knowledge/{indicators,wages,agencies,offer_texts}.yml."""
    folder = content_dir / "knowledge"
    data = {name: _read(folder / name) for name in FILES}
    try:
        languages = Languages.from_data(_read(content_dir / LANGUAGES_DOCUMENT)).scripts
    except ContentError as exc:
        raise OfferKnowledgeError(str(exc)) from exc
    try:
        catalogue = Catalogue.from_data(
            indicators=data["indicators.yml"],
            wages=data["wages.yml"],
            agencies=data["agencies.yml"],
            texts=data["offer_texts.yml"],
            languages=languages,
        )
        return with_model(catalogue, content_dir)
    except CatalogueError as exc:
        raise OfferKnowledgeError(f"{folder}/{exc}") from exc


@lru_cache(maxsize=4)
def cached_catalogue(content_dir: Path) -> Catalogue:
    """`load_catalogue`, once per process and directory."""
    return load_catalogue(content_dir)


def import_agencies(content_dir: Path, csv_text: str, *, complete: bool, source: str) -> int:
    """Replace knowledge/agencies.yml with the agencies of a CSV register; returns the count.

    The CSV needs a `name` column; `permit`, `issued`, `address` and `phone` are kept if present.
    """
    reader = csv.DictReader(io.StringIO(csv_text))
    if reader.fieldnames is None or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise OfferKnowledgeError("CSV: a 'name' column is required")
    rows = []
    for line, row in enumerate(reader, start=2):
        clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not clean.get("name"):
            raise OfferKnowledgeError(f"CSV line {line}: name is empty")
        keep = ("name", "permit", "issued", "address", "phone")
        rows.append({k: clean[k] for k in keep if clean.get(k)})
    path = content_dir / "knowledge" / "agencies.yml"
    old = _read(path) if path.exists() else {}
    data = {
        "version": 1,
        "complete": bool(complete),
        "source": source,
        "checked": old.get("checked"),
        "agencies": rows,
    }
    header = (
        "# Private employment agencies permitted to place citizens of the Kyrgyz Republic abroad.\n"
        "# Written by `python -m bot offer import-agencies`; `complete: true` means the list is\n"
        "# the whole register, so an agency absent from it is reported as unlicensed.\n"
    )
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    cached_catalogue.cache_clear()
    return len(rows)
