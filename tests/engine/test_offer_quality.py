"""The offer check's quality targets (issue 4, "Done when"), so that a regression fails CI.

- development set: precision and recall >= 0.9 for every indicator; no high/critical offer
  rated low; no honest offer rated high or critical;
- 530 real vacancies: at most 3 % rated high or critical;
- held-out set: no honest offer rated high/critical and no risky offer rated low.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.evaluate import EvalReport, evaluate
from bot.engine.offer.risk import check_text
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
VACANCIES = ROOT / "tests" / "data" / "nlu" / "corpora" / "ru_vacancies.jsonl"
INDICATOR_IDS = {
    "document_retention": "critical",
    "restricted_movement": "critical",
    "sexual_exploitation_risk": "critical",
    "scam_compound_risk": "critical",
    "military_recruitment": "critical",
    "deceptive_instructions": "critical",
    "worker_pays_fee": "high",
    "wrong_visa_or_status": "high",
    "debt_bondage": "high",
    "wage_withholding": "high",
    "unlicensed_agency": "high",
    "unrealistic_pay": "medium",
    "no_written_contract": "medium",
    "vague_employer": "medium",
    "pressure_urgency": "medium",
    "excessive_hours": "medium",
}


def _rows(name: str) -> list[dict[str, Any]]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


@pytest.fixture(scope="module")
def dev(catalogue: Catalogue) -> EvalReport:
    return evaluate(_rows("offers.jsonl"), catalogue)


def test_catalogue_is_exactly_the_domain_catalogue(catalogue: Catalogue) -> None:
    assert {i.id: i.severity for i in catalogue.indicators} == INDICATOR_IDS


def test_development_set_is_big_and_balanced() -> None:
    rows = _rows("offers.jsonl")
    assert len(rows) >= 150
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.4
    assert {r["lang"] for r in rows} == {"ky", "ru"}
    assert len({r["id"] for r in rows}) == len(rows)
    counts = Counter(i for r in rows for i in r["indicators"])
    for ind_id in INDICATOR_IDS:
        assert counts[ind_id] >= 5, ind_id
    assert all(not r["indicators"] and r["level"] == "low" for r in rows if r["honest"])
    styles = Counter(r["style"] for r in rows)
    assert {"post", "chat", "latin", "caps"} <= set(styles)


@pytest.mark.parametrize("ind_id", sorted(INDICATOR_IDS))
def test_precision_and_recall_on_the_development_set(dev: EvalReport, ind_id: str) -> None:
    scores = dev.indicators[ind_id]
    assert scores.precision >= 0.9, (ind_id, scores)
    assert scores.recall >= 0.9, (ind_id, scores)


def test_no_risky_offer_rated_low_and_no_honest_one_rated_high(dev: EvalReport) -> None:
    assert dev.count(expected=("high", "critical"), predicted=("low",)) == 0
    assert dev.count(expected=("low",), predicted=("high", "critical")) == 0


def test_held_out_set_levels(catalogue: Catalogue) -> None:
    rows = _rows("offers_holdout.jsonl")
    assert len(rows) >= 40
    report = evaluate(rows, catalogue)
    assert report.count(expected=("low",), predicted=("high", "critical")) == 0
    assert report.count(expected=("medium", "high", "critical"), predicted=("low",)) == 0


def test_honest_offers_come_out_low_with_what_to_check(catalogue: Catalogue) -> None:
    for row in _rows("offers.jsonl"):
        if not row["honest"]:
            continue
        result = check_text(row["text"], catalogue)
        assert result.risk_level == "low", row["id"]
        assert result.questions, row["id"]  # «low» is followed by the checks still to make
        assert result.advice, row["id"]


def test_real_vacancies_rarely_raise_an_alarm(catalogue: Catalogue) -> None:
    lines = VACANCIES.read_text("utf-8").splitlines()
    levels = Counter(check_text(json.loads(line)["text"], catalogue).risk_level for line in lines)
    assert sum(levels.values()) == 530
    assert levels["high"] + levels["critical"] <= 0.01 * 530  # issue 12: at most 1 %; 3 now
