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


def _evaluate(name: str) -> EvalReport:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return evaluate([json.loads(line) for line in lines if line.strip()], load_catalogue(ROOT))


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return _evaluate("offers_test.jsonl")


@pytest.fixture(scope="module")
def report3() -> EvalReport:
    """The second blind part (2026-12-01): 200 offers each written by hand."""
    return _evaluate("offers_test3.jsonl")


def test_the_blind_part_is_frozen_and_big_enough() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test.jsonl").read_text().splitlines() if x]
    assert len(rows) == 230
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.35


def test_no_worse_than_now(report: EvalReport) -> None:
    # The joint model (n-grams + sentence embedding) reads signs at thresholds 0.2 lower,
    # chosen on the dev parts by F2 (a missed sign is worse than a false alarm): here recall
    # rose 0.842 → 0.880 and nothing risky is rated low any more (1 before); precision fell
    # 0.931 → 0.906 and honest → high/critical rose 7 → 10. Then 440 blind-written training
    # offers and 900 sentences (offers_train3-4, sentences_3) and denials read across a dash
    # and a list: precision 0.911 → 0.929, honest → high/critical 10 → 8. On 2026-12-02 rules
    # tuned on offers_dev3 and the training parts (clock-time working days, package prices,
    # denials of deductions, the border-truth exception in its place): recall 0.880 → 0.887,
    # precision 0.934, honest → high/critical 8 → 6. Later on 2026-12-02 (rules tuned on
    # offers_dev5: lowercase names in «», a named company is never vague, pay periods):
    # recall 0.890 → 0.897, precision 0.939 → 0.957, honest → high/critical 5 → 4. On
    # 2026-12-03 (rules and sentences tuned on offers_dev8: refunds, hearsay after a question,
    # lists under «не отправляем … или …», pay quoted in warnings, holders in the genitive)
    # honest → high/critical rose 4 → 5 here while it fell 8 → 6 on test3 and 4 → 2 on test5;
    # which offer it is was not looked at.
    precision, recall = report.overall.precision, report.overall.recall
    assert precision >= 0.95
    assert recall >= 0.89
    assert report.count(["high", "critical"], ["low"]) == 0
    assert report.count(["low"], ["high", "critical"]) <= 5


def test_better_than_the_rules_alone_were(report: EvalReport) -> None:
    first = (DATA / "offers_test.first.txt").read_text(encoding="utf-8")
    assert "critical           4        21         7        62" in first  # 4 critical → low
    assert report.count(["critical"], ["low"]) < 4


def test_the_hand_written_blind_part_is_frozen() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test3.jsonl").read_text().splitlines() if x]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.35
    first = (DATA / "offers_test3.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.848, recall 0.668; level exact 0.795" in first


def test_hand_written_blind_part_no_worse_than_its_first_figures(report3: EvalReport) -> None:
    # The balance of the two (F1), not each: widening a medium sign (a vague employer where
    # nobody is named) traded precision for recall here; its first F1 was 0.752.
    precision, recall = report3.overall.precision, report3.overall.recall
    # The joint model then raised recall 0.790 → 0.834 (risky → low 5 → 2) for precision
    # 0.804 → 0.794.
    # The blind-written training offers and sentences of 2026-12-01 (offers_train3-4,
    # sentences_3): precision 0.796 → 0.814, recall 0.843 → 0.854, risky → low 2 → 0.
    # 2026-12-02 (rules tuned on offers_dev3 and training parts): recall 0.854 → 0.860.
    # Then the rules tuned on offers_dev5 cost this part: recall 0.869 → 0.860, precision
    # 0.819 → 0.813, honest → high/critical 7 → 8 (on every tuning part it fell or held).
    # Recorded, not tuned to: its misses are not read.
    assert 2 * precision * recall / (precision + recall) >= 0.83  # 0.836 now
    assert precision >= 0.80 and recall >= 0.85
    assert report3.count(["high", "critical"], ["low"]) == 0
    assert report3.count(["low"], ["high", "critical"]) <= 8


@pytest.fixture(scope="module")
def report4() -> EvalReport:
    """The third blind part (2026-12-01, after the joint model): 200 offers written by hand."""
    return _evaluate("offers_test4.jsonl")


def test_the_third_blind_part_is_frozen() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test4.jsonl").read_text().splitlines() if x]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.35
    first = (DATA / "offers_test4.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.805, recall 0.877; level exact 0.855" in first


def test_third_blind_part_no_worse_than_its_first_figures(report4: EvalReport) -> None:
    # Its writer tagged a vague employer on posts only, not on retold chats: most of the
    # precision lost is that sign (0.485), a labelling choice, not a rule to change.
    # The blind-written training data of 2026-12-01 (offers_train3-4, sentences_3) raised
    # precision 0.805 → 0.826 and halved honest → high/critical (6 → 3), but risky → low rose
    # 1 → 3 (on the other two parts it fell 2 → 0). Recorded, not tuned to: nothing here is
    # read to change a rule. 2026-12-02 (rules tuned on offers_dev3 and training parts):
    # recall 0.880 → 0.886, precision 0.829, risky → low still 3, honest → high/critical 2.
    # After the rules tuned on offers_dev5: recall 0.889 → 0.901, risky → low 2 → 1.
    assert report4.overall.precision >= 0.82 and report4.overall.recall >= 0.90
    assert report4.count(["high", "critical"], ["low"]) <= 1
    assert report4.count(["low"], ["high", "critical"]) <= 2


@pytest.fixture(scope="module")
def report5() -> EvalReport:
    """The fourth blind part (2026-12-02): 200 offers, its writer saw the brief of offers_dev5."""
    return _evaluate("offers_test5.jsonl")


def test_the_fourth_blind_part_is_frozen() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test5.jsonl").read_text().splitlines() if x]
    assert len(rows) == 200 and len({r["id"] for r in rows}) == 200
    assert sum(r["honest"] for r in rows) / len(rows) >= 0.35
    first = (DATA / "offers_test5.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.910, recall 0.917; level exact 0.900" in first


def test_fourth_blind_part_no_worse_than_its_first_figures(report5: EvalReport) -> None:
    # Frozen before anything was tuned on offers_dev5, whose brief its writer shared. After
    # the rules tuned on dev5: precision 0.910 → 0.930, recall 0.917 → 0.912, level exact
    # 0.900 → 0.930, honest → high/critical 5 → 4.
    assert report5.overall.precision >= 0.92 and report5.overall.recall >= 0.91
    assert report5.count(["high", "critical"], ["low"]) == 0
    assert report5.count(["low"], ["high", "critical"]) <= 4


@pytest.fixture(scope="module")
def report6() -> EvalReport:
    """The fifth blind part (2026-12-03): 240 offers, written beside the tuning part dev9."""
    return _evaluate("offers_test6.jsonl")


def test_the_fifth_blind_part_is_frozen() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test6.jsonl").read_text().splitlines() if x]
    assert len(rows) == 240 and len({r["id"] for r in rows}) == 240
    assert sum(r["honest"] for r in rows) == 112
    first = (DATA / "offers_test6.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.925, recall 0.937; level exact 0.917" in first


def test_fifth_blind_part_no_worse_than_its_first_figures(report6: EvalReport) -> None:
    # Frozen at 8b1c247 before the rules were tuned on offers_dev9 (written at the same time
    # by another helper): there dev9 went recall 0.939 → 0.972, honest → high/critical 8 → 0;
    # here precision 0.925 → 0.927 and nothing else moved. Its misses are not read.
    assert report6.overall.precision >= 0.92 and report6.overall.recall >= 0.93
    assert report6.count(["high", "critical"], ["low"]) == 0
    assert report6.count(["low"], ["high", "critical"]) <= 8


@pytest.fixture(scope="module")
def report7() -> EvalReport:
    """The sixth blind part (2026-12-04): 240 offers, written beside dev10, dev11 and dev12."""
    return _evaluate("offers_test7.jsonl")


def test_the_sixth_blind_part_is_frozen() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_test7.jsonl").read_text().splitlines() if x]
    assert len(rows) == 240 and len({r["id"] for r in rows}) == 240
    assert sum(r["honest"] for r in rows) == 111
    first = (DATA / "offers_test7.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.904, recall 0.937; level exact 0.917" in first


def test_sixth_blind_part_no_worse_than_its_first_figures(report7: EvalReport) -> None:
    # Frozen at 5ee70a9 before the rules were tuned on offers_dev10–12 (written at the same
    # time by three other helpers from other briefs). Its misses are not read. After that
    # tuning and dev8–11 in the model's training: precision 0.904 → 0.912, recall 0.937 →
    # 0.942, honest → high/critical 9 → 7.
    assert report7.overall.precision >= 0.91 and report7.overall.recall >= 0.94
    assert report7.count(["high", "critical"], ["low"]) == 0
    assert report7.count(["low"], ["high", "critical"]) <= 7
