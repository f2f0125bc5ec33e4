"""Knowledge for the offer check: validation errors name file, item and field; content rules."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.engine.extract.money import Money
from bot.engine.offer.catalogue import Catalogue, CatalogueError, compile_pattern
from bot.services.offer_knowledge import FILES, OfferKnowledgeError, load_catalogue

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"


def _data() -> dict[str, Any]:
    return {name: yaml.safe_load((KNOWLEDGE / name).read_text("utf-8")) for name in FILES}


def _build(data: dict[str, Any]) -> Catalogue:
    return Catalogue.from_data(
        indicators=data["indicators.yml"],
        wages=data["wages.yml"],
        agencies=data["agencies.yml"],
        texts=data["offer_texts.yml"],
        languages={"ky": "cyrillic", "ru": "cyrillic"},
    )


def test_missing_translation_is_named() -> None:
    data = copy.deepcopy(_data())
    del data["indicators.yml"]["indicators"]["debt_bondage"]["advice"]["ky"]
    with pytest.raises(
        CatalogueError, match=r"indicators.yml: debt_bondage: advice: missing the ky"
    ):
        _build(data)


def test_broken_pattern_is_named() -> None:
    data = copy.deepcopy(_data())
    data["indicators.yml"]["indicators"]["excessive_hours"]["patterns"]["ru"].append("(без")
    with pytest.raises(CatalogueError, match=r"excessive_hours: patterns.ru\[\d+\]: bad pattern"):
        _build(data)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("паспорт.*забер", "unbounded"),
        ("паспорт[^.]+забер", "unbounded"),
        (r"\d+ мест", "unbounded repeat"),
        ("passport", "Latin letters"),
    ],
)
def test_patterns_that_would_be_slow_or_never_match_are_refused(pattern: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=problem):
        compile_pattern(pattern, "indicators.yml: x: patterns.ru[0]")


def test_kyrgyz_letters_in_patterns_are_folded() -> None:
    matcher = compile_pattern(r"\bтөлөйсүз", "x")
    assert matcher.search("визага толойсуз") is not None
    assert matcher.search("өтөлөйсүз") is None  # the word boundary is kept


def test_every_person_facing_text_exists_in_both_languages() -> None:
    data = _data()
    ky_letters = re.compile("[өүң]")
    kyrgyz = []
    for ind_id, ind in data["indicators.yml"]["indicators"].items():
        for field in ("name", "explanation", "advice"):
            assert ind[field]["ru"].strip() and ind[field]["ky"].strip(), (ind_id, field)
            assert ind[field]["ru"] != ind[field]["ky"]
            kyrgyz.append(ind[field]["ky"])
        if ind.get("question"):
            assert ind["question"]["ru"] and ind["question"]["ky"]
    texts = data["offer_texts.yml"]
    for section in ("levels", "headings", "messages", "periods"):
        for key, value in texts[section].items():
            assert value["ru"] and value["ky"], (section, key)
    # Real Kyrgyz: long texts use the Kyrgyz letters, not Russian stand-ins.
    assert all(ky_letters.search(t) for t in kyrgyz if len(t) > 60)


def test_wage_references_are_sourced_and_dated() -> None:
    for row in _data()["wages.yml"]["references"]:
        # Checked on a real day of this project's life, never in the future.
        checked = date.fromisoformat(str(row["checked"]))
        assert row["source"].strip() and date(2026, 11, 1) <= checked <= datetime.now(UTC).date()


def test_question_ids_are_the_dialogue_contract() -> None:
    catalogue = load_catalogue(ROOT)
    ids = {ind.question.id: ind.id for ind in catalogue.indicators if ind.question}
    assert ids == {
        "passport": "document_retention",
        "fees": "worker_pays_fee",
        "contract": "no_written_contract",
        "visa": "wrong_visa_or_status",
        "travel": "debt_bondage",
        "agency_permit": "unlicensed_agency",
        "pay_schedule": "wage_withholding",
    }
    assert catalogue.question("fees").yes_means == "risk"


def test_wage_arithmetic() -> None:
    wages = load_catalogue(ROOT).wages
    hourly = Money(500.0, 500.0, "RUB", "hour", 0, 0)
    assert wages.monthly_usd(hourly, None) == pytest.approx(500 * 0.0125 * 200)
    assert wages.monthly_usd(Money(3000.0, None, None, None, 0, 0), "KRW") == pytest.approx(2.1)
    assert wages.monthly_usd(Money(3000.0, None, None, None, 0, 0), None) is None
    assert wages.reference("KR", "construction") is not None
    assert wages.reference("PL", None) is not None  # the fallback row


def test_agency_registry_fuzzy_match_and_completeness() -> None:
    data = copy.deepcopy(_data())
    data["agencies.yml"]["agencies"] = [{"name": "ОсОО «Жаштар Ишке»"}]
    data["agencies.yml"]["complete"] = False
    incomplete = _build(data)
    assert incomplete.agencies.match("агентство «Жаштар ишке»") == "ОсОО «Жаштар Ишке»"
    assert not incomplete.agencies.complete
    data["agencies.yml"]["complete"] = True
    assert _build(data).agencies.complete


def test_load_catalogue_names_the_broken_file(tmp_path: Path) -> None:
    shutil.copytree(KNOWLEDGE, tmp_path / "knowledge")
    (tmp_path / "knowledge" / "wages.yml").write_text("references: [", "utf-8")
    with pytest.raises(OfferKnowledgeError, match=r"wages\.yml: not valid YAML"):
        load_catalogue(tmp_path)
    (tmp_path / "knowledge" / "wages.yml").unlink()
    with pytest.raises(OfferKnowledgeError, match=r"wages\.yml: file not found"):
        load_catalogue(tmp_path)


def test_unlicensed_agency_needs_a_complete_register() -> None:
    from bot.engine.offer.risk import check_text

    offer = "Кадровое агентство «Бакыт Тревел» отправляет на фабрику в Турцию, 800$ в месяц."
    data = copy.deepcopy(_data())
    assert "unlicensed_agency" not in check_text(offer, _build(data)).indicator_ids  # empty list
    data["agencies.yml"]["agencies"] = [{"name": "ОсОО «Жаштар Ишке»"}]
    data["agencies.yml"]["complete"] = False
    assert "unlicensed_agency" not in check_text(offer, _build(data)).indicator_ids
    data["agencies.yml"]["complete"] = True
    found = check_text(offer, _build(data))
    assert "unlicensed_agency" in found.indicator_ids
    permitted = check_text(offer.replace("Бакыт Тревел", "Жаштар Ишке"), _build(data))
    assert "unlicensed_agency" not in permitted.indicator_ids
    assert "agency_permit" not in [q.id for q in permitted.questions]
