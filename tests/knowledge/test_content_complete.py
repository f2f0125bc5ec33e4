"""Guards the seed content: every answer and hotline complete, bilingual, sourced and dated."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ANSWERS_FILE = ROOT / "knowledge" / "answers.yml"
HOTLINES_FILE = ROOT / "knowledge" / "hotlines.yml"

LANGUAGES = ("ky", "ru")
LIMITS = {"title": 24, "short": 500, "more": 1500}
REQUIRED_INTENTS = (
    "documents",
    "legal_stay",
    "entry_ban",
    "unpaid_wages",
    "passport_taken",
    "return_home",
    "victim_assistance",
    "safe_migration_tips",
    "check_agency",
    "help",
    "check_offer",
)
REQUIRED_COUNTRIES = ("KG", "RU", "KZ", "TR", "KR", "AE")
REQUIRED_LEGAL_STAY_VARIANTS = ("RU", "KZ", "KR", "TR")
KYRGYZ_LETTERS = frozenset("өүңӨҮҢ")
# Longer than this, a Kyrgyz text with none of ө, ү, ң is most likely Russian in disguise.
KYRGYZ_LETTER_THRESHOLD = 80
MARKDOWN_MARKERS = ("**", "##", "__", "```")


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


ANSWERS: list[Mapping[str, Any]] = list(_load(ANSWERS_FILE).get("answers") or [])
COUNTRIES: Mapping[str, Mapping[str, Any]] = dict(_load(HOTLINES_FILE).get("countries") or {})


def _answer_units() -> Iterator[tuple[str, Mapping[str, Any], tuple[str, ...]]]:
    """Each answer and each country variant, with a readable name and the fields it must have."""
    for answer in ANSWERS:
        name = str(answer.get("id"))
        yield name, answer, ("title", "short", "more")
        for country, variant in dict(answer.get("by_country") or {}).items():
            yield f"{name}.by_country.{country}", variant, ("short", "more")


UNITS = list(_answer_units())
TEXT_CASES = [
    pytest.param(unit, field, lang, id=f"{name}.{field}.{lang}")
    for name, unit, fields in UNITS
    for field in fields
    for lang in LANGUAGES
]
DATED_CASES = [pytest.param(unit, id=name) for name, unit, _ in UNITS] + [
    pytest.param(country, id=f"hotlines.{code}") for code, country in COUNTRIES.items()
]


def _text(unit: Mapping[str, Any], field: str, lang: str) -> Any:
    value = unit.get(field)
    return value.get(lang) if isinstance(value, Mapping) else None


def _sources_of(unit: Mapping[str, Any]) -> list[Any]:
    return list(unit.get("sources") or [])


def _assert_real_past_date(value: Any, where: str) -> None:
    # A datetime is a date too, but content dates are whole days.
    assert isinstance(value, datetime.date) and not isinstance(value, datetime.datetime), (
        f"{where}: {value!r} is not a date (write it unquoted, YYYY-MM-DD)"
    )
    # The brief's rule is "not after today" on the local calendar, where content is edited.
    today = datetime.date.today()  # noqa: DTZ011 — local date is the intended reference
    assert value <= today, f"{where}: {value} is in the future"


@pytest.mark.parametrize("intent", REQUIRED_INTENTS)
def test_required_intent_is_answered(intent: str) -> None:
    assert intent in {str(a.get("id")) for a in ANSWERS}, f"answers.yml: no item for {intent!r}"


def test_answer_ids_are_unique() -> None:
    ids = [str(a.get("id")) for a in ANSWERS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"answers.yml: duplicate ids {duplicates}"


@pytest.mark.parametrize("country", REQUIRED_LEGAL_STAY_VARIANTS)
def test_legal_stay_has_country_variant(country: str) -> None:
    legal_stay = next((a for a in ANSWERS if a.get("id") == "legal_stay"), {})
    variants = dict(legal_stay.get("by_country") or {})
    assert country in variants, f"legal_stay: no by_country variant for {country}"


@pytest.mark.parametrize(("unit", "field", "lang"), TEXT_CASES)
def test_text_present_and_within_limit(unit: Mapping[str, Any], field: str, lang: str) -> None:
    text = _text(unit, field, lang)
    assert isinstance(text, str) and text.strip(), f"{field}.{lang}: missing or empty"
    assert len(text) <= LIMITS[field], f"{field}.{lang}: {len(text)} > {LIMITS[field]} characters"


@pytest.mark.parametrize(("unit", "field", "lang"), TEXT_CASES)
def test_text_has_no_markdown(unit: Mapping[str, Any], field: str, lang: str) -> None:
    text = str(_text(unit, field, lang) or "")
    found = [marker for marker in MARKDOWN_MARKERS if marker in text]
    assert not found, f"{field}.{lang}: markdown markers {found}"
    assert not any(line.lstrip().startswith("#") for line in text.splitlines()), (
        f"{field}.{lang}: a line starts with #"
    )


@pytest.mark.parametrize(("unit", "field", "lang"), [c for c in TEXT_CASES if c.values[2] == "ky"])
def test_kyrgyz_text_uses_kyrgyz_letters(unit: Mapping[str, Any], field: str, lang: str) -> None:
    text = str(_text(unit, field, lang) or "")
    if len(text) > KYRGYZ_LETTER_THRESHOLD:
        assert KYRGYZ_LETTERS & set(text), f"{field}.{lang}: no ө, ү or ң — is this Russian?"


@pytest.mark.parametrize(
    ("unit", "field", "lang"), [c for c in TEXT_CASES if c.values[1] == "short"]
)
def test_short_reply_fits_a_phone_screen(unit: Mapping[str, Any], field: str, lang: str) -> None:
    lines = [line for line in str(_text(unit, field, lang) or "").splitlines() if line.strip()]
    assert 3 <= len(lines) <= 6, f"{field}.{lang}: {len(lines)} lines, want 3–6"


@pytest.mark.parametrize("unit", DATED_CASES)
def test_sourced_and_dated(unit: Mapping[str, Any]) -> None:
    sources = _sources_of(unit)
    assert sources, "no sources"
    for number, source in enumerate(sources):
        where = f"sources[{number}]"
        assert isinstance(source, Mapping), f"{where}: must be a mapping"
        assert str(source.get("title") or "").strip(), f"{where}: no title"
        url = str(source.get("url") or "")
        assert url.startswith(("https://", "http://")), f"{where}: url {url!r} is not http(s)"
        _assert_real_past_date(source.get("checked"), f"{where}.checked")
    _assert_real_past_date(unit.get("checked"), "checked")


@pytest.mark.parametrize("code", REQUIRED_COUNTRIES)
def test_required_country_has_emergency_number(code: str) -> None:
    assert code in COUNTRIES, f"hotlines.yml: country {code} missing"
    emergency = list(COUNTRIES[code].get("emergency") or [])
    assert emergency, f"hotlines.{code}: no emergency number"
    for entry in emergency:
        assert str(entry.get("number") or "").strip(), f"hotlines.{code}.emergency: empty number"


@pytest.mark.parametrize("code", list(COUNTRIES))
def test_country_texts_are_bilingual(code: str) -> None:
    country = COUNTRIES[code]
    labelled = [
        ("name", country.get("name")),
        ("in_country", country.get("in_country")),
    ]
    for kind in ("emergency", "hotlines"):
        for number, entry in enumerate(country.get(kind) or []):
            labelled.append((f"{kind}[{number}].label", entry.get("label")))
            if kind == "hotlines":
                labelled.append((f"{kind}[{number}].hours", entry.get("hours")))
    for where, value in labelled:
        for lang in LANGUAGES:
            text = value.get(lang) if isinstance(value, Mapping) else None
            assert isinstance(text, str) and text.strip(), f"hotlines.{code}.{where}.{lang}: empty"


def test_kyrgyz_hotline_189_is_listed() -> None:
    numbers = [str(h.get("number")) for h in COUNTRIES.get("KG", {}).get("hotlines") or []]
    assert "189" in numbers, "hotlines.KG: the 189 hotline is missing"
