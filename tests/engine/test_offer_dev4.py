"""The fourth development part (tests/data/offers_dev4.jsonl): 240 offers written blind on
2026-12-02 by a helper that saw only the catalogue and a brief of styles, 110 of them honest,
every sign at least 20 times.

Its first figures, before any rule was tuned on it, are in offers_dev4.first.txt (precision
0.910, recall 0.887, honest → high/critical 9). Rules were then tuned on it and sentences of
our own added to the model's bank; the model is not trained on its offers. The floors are
today's figures, a regression guard on data we tuned on, not a result.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.engine.offer.evaluate import evaluate
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def test_the_part_is_what_was_written() -> None:
    rows = [json.loads(x) for x in (DATA / "offers_dev4.jsonl").read_text().splitlines() if x]
    assert len(rows) == 240 and len({r["id"] for r in rows}) == 240
    assert sum(r["honest"] for r in rows) == 110
    first = (DATA / "offers_dev4.first.txt").read_text(encoding="utf-8")
    assert "all signs: precision 0.910, recall 0.887; level exact 0.900" in first


def test_no_worse_than_after_tuning() -> None:
    lines = (DATA / "offers_dev4.jsonl").read_text(encoding="utf-8").splitlines()
    report = evaluate([json.loads(x) for x in lines if x.strip()], load_catalogue(ROOT))
    assert report.overall.precision >= 0.94
    assert report.overall.recall >= 0.93
    assert report.count(["high", "critical"], ["low"]) == 0
    assert report.count(["low"], ["high", "critical"]) <= 2
