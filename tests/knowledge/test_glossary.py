"""Every Kyrgyz and Russian text in knowledge/ and dialogues/ uses the glossary's terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = yaml.safe_load((ROOT / "knowledge" / "glossary.yml").read_text(encoding="utf-8"))
LANGUAGES = ("ky", "ru")


def _forbidden(language: str) -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for term in GLOSSARY["terms"]:
        for variant in dict(term.get("forbidden") or {}).get(language, ()):
            found.append((variant, re.compile(r"(?<!\w)" + re.escape(variant), re.IGNORECASE)))
    return found


def texts(data: Any, where: str = "") -> Iterator[tuple[str, str, str]]:
    """(place, language, text) for every `ky:`/`ru:` string; pattern lists are not texts."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LANGUAGES and isinstance(value, str):
                yield f"{where}.{key}", str(key), value
            else:
                yield from texts(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, f"{where}[{index}]")


def violations(data: Any, where: str) -> list[str]:
    rules = {lang: _forbidden(lang) for lang in LANGUAGES}
    return [
        f"{place}: «{variant}» (see knowledge/glossary.yml)"
        for place, lang, text in texts(data, where)
        for variant, pattern in rules[lang]
        if pattern.search(text)
    ]


FILES = sorted(
    p for folder in ("knowledge", "dialogues") for p in (ROOT / folder).glob("*.yml")
    if p.name != "glossary.yml"
)  # fmt: skip


def test_glossary_names_a_preferred_term_in_both_languages() -> None:
    for term in GLOSSARY["terms"]:
        assert set(term["preferred"]) == set(LANGUAGES), term["id"]
        assert term["forbidden"], term["id"]


def test_the_check_flags_a_forbidden_variant_and_reads_every_file() -> None:
    bad = {"texts": {"x": {"ky": "Россияга барсаңыз", "ru": "В Россию"}}}
    assert violations(bad, "sample") == ["sample.texts.x.ky: «Росси» (see knowledge/glossary.yml)"]
    counted = sum(
        1 for p in FILES for _ in texts(yaml.safe_load(p.read_text(encoding="utf-8")), p.name)
    )
    assert len(FILES) >= 8 and counted > 400


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_texts_use_the_glossary_terms(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert violations(data, f"{path.parent.name}/{path.name}") == []
