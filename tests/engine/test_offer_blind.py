"""The offer check on the frozen blind test part (tests/data/offers_test.jsonl).

That file was written by a helper that never saw the patterns, the model or its training
data, and frozen before any tuning; never change a rule because of a miss in it. Its first
figures (the rules at the start of the work) are in offers_test.first.txt. The floors below
are the figures now: they catch a regression, they are not the goal (DOMAIN and issue #12:
recall >= 0.95, precision >= 0.90, level exact >= 0.85, nothing risky rated low).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine.offer.evaluate import EvalReport, evaluate
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def report() -> EvalReport:
    lines = (DATA / "offers_test.jsonl").read_text(encoding="utf-8").splitlines()
    return evaluate([json.loads(line) for line in lines if line.strip()], load_catalogue(ROOT))


def test_the_blind_part_is_frozen_and_big_enough() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test.jsonl").read_text().splitlines() if x]
    assert len(rows) == 230
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.35


def test_no_worse_than_now(report: EvalReport) -> None:
    precision, recall = report.overall.precision, report.overall.recall
    assert precision >= 0.91
    assert recall >= 0.80
    assert report.count(["high", "critical"], ["low"]) <= 1
    assert report.count(["low"], ["high", "critical"]) <= 8


def test_better_than_the_rules_alone_were(report: EvalReport) -> None:
    first = (DATA / "offers_test.first.txt").read_text(encoding="utf-8")
    assert "critical           4        21         7        62" in first  # 4 critical → low
    assert report.count(["critical"], ["low"]) < 4
