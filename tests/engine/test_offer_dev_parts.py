"""The development parts written blind on 2026-12-02 (tests/data/offers_dev3.jsonl,
offers_dev4.jsonl and offers_dev5.jsonl): 240 offers each by a helper that saw only the
catalogue and a brief of styles, 109–110 of them honest; dev4 and dev5 have every sign at
least 20 times.

Their first figures, before any rule was tuned on them, are in offers_dev3.first.txt
(precision 0.973, recall 0.876), offers_dev4.first.txt (precision 0.910, recall 0.887,
honest → high/critical 9) and offers_dev5.first.txt (precision 0.866, recall 0.927, honest →
high/critical 4). Rules were then tuned on them (clock-time working days, package
prices, «айына 350к»; the part of the day before the hour, occupied cities, fees paid to a
card) and sentences of our own added to the model's bank. Since 2026-12-03 the model is also
trained on the offers of dev1–dev7, which moved from tests/data to knowledge/offer_model/
(dev8 and dev9 stay out of its training, so the model's reading of them is still unseen);
their figures here are now partly training figures. On 2026-12-04 dev8–dev11 went into its
training too, and three new blind parts were written (dev10 Kyrgyz-heavy, dev11 honest-heavy,
dev12 messy text); dev12 stays out of the training, so the model's reading of it is unseen.
The floors are a regression guard on data we tuned on, not a result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine.offer.evaluate import evaluate
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
# Parts the model trains on live with its training data; their first figures stay in DATA.
TRAINED = ROOT / "knowledge" / "offer_model"
PARTS = {
    # name: (honest offers, its first figures' line, precision, recall, honest → high/critical)
    "offers_dev3": (110, "precision 0.973, recall 0.876; level exact 0.929", 0.97, 0.93, 2),
    "offers_dev4": (110, "precision 0.910, recall 0.887; level exact 0.900", 0.94, 0.93, 2),
    # dev5 0.946 → 0.938 on 2026-12-03: a pay range now counts from its middle, and three
    # critical offers whose writer did not tag their «3000–5000 $» pay now show it.
    "offers_dev5": (109, "precision 0.866, recall 0.927; level exact 0.904", 0.93, 0.96, 0),
    "offers_dev6": (108, "precision 0.833, recall 0.909; level exact 0.908", 0.87, 0.93, 1),
    "offers_dev7": (109, "precision 0.875, recall 0.895; level exact 0.929", 0.92, 0.95, 0),
    "offers_dev8": (114, "precision 0.896, recall 0.872; level exact 0.875", 0.94, 0.91, 0),
    # dev9 recall 0.972 → 0.969 on 2026-12-03 (one sign fewer) when dev1–7 went into the
    # model's training data; precision 0.958 → 0.960, and dev8's precision 0.948 → 0.950.
    "offers_dev9": (112, "precision 0.930, recall 0.939; level exact 0.921", 0.95, 0.96, 0),
    # Written blind on 2026-12-04 (Kyrgyz-heavy; honest-heavy and tricky; messy text). After
    # the rules tuned on them (negated deductions, the worker's own consulate visit, rent,
    # «никто не едет»), dev10 and dev11 also trained on: honest → high/critical 9 → 3, 9 → 1,
    # and unseen dev12 8 → 1, precision 0.934 → 0.950, recall 0.896 → 0.900.
    "offers_dev10": (117, "precision 0.916, recall 0.910; level exact 0.900", 0.93, 0.92, 3),
    "offers_dev11": (138, "precision 0.897, recall 0.889; level exact 0.917", 0.91, 0.89, 1),
    "offers_dev12": (112, "precision 0.934, recall 0.896; level exact 0.925", 0.94, 0.89, 1),
}


def _rows(name: str) -> list[dict[str, object]]:
    path = TRAINED / f"{name}.jsonl"
    lines = (path if path.exists() else DATA / path.name).read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


@pytest.mark.parametrize("name", PARTS)
def test_the_part_is_what_was_written(name: str) -> None:
    rows = _rows(name)
    assert len(rows) == 240 and len({r["id"] for r in rows}) == 240
    assert sum(bool(r["honest"]) for r in rows) == PARTS[name][0]
    first = (DATA / f"{name}.first.txt").read_text(encoding="utf-8")
    assert f"all signs: {PARTS[name][1]}" in first


@pytest.mark.parametrize("name", PARTS)
def test_no_worse_than_after_tuning(name: str) -> None:
    _, _, precision, recall, honest_high = PARTS[name]
    report = evaluate(_rows(name), load_catalogue(ROOT))
    assert report.overall.precision >= precision
    assert report.overall.recall >= recall
    assert report.count(["high", "critical"], ["low"]) == 0
    assert report.count(["low"], ["high", "critical"]) <= honest_high
