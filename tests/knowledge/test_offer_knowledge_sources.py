"""Offer-check knowledge: each indicator and wage figure names its source and date checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
INDICATORS = yaml.safe_load((KNOWLEDGE / "indicators.yml").read_text(encoding="utf-8"))
WAGES = yaml.safe_load((KNOWLEDGE / "wages.yml").read_text(encoding="utf-8"))
SOURCES = {s["id"]: s for s in INDICATORS["sources"]}


def _checked(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@pytest.mark.parametrize("source", INDICATORS["sources"], ids=lambda s: s["id"])
def test_each_source_has_a_title_a_link_and_a_past_check_date(source: dict[str, Any]) -> None:
    assert source["title"].strip()
    assert source["url"].startswith(("https://", "http://"))
    assert _checked(source["checked"]) <= date.today()  # noqa: DTZ011  (a calendar date)


@pytest.mark.parametrize("indicator", sorted(INDICATORS["indicators"]))
def test_each_indicator_cites_known_sources_and_speaks_both_languages(indicator: str) -> None:
    item = INDICATORS["indicators"][indicator]
    assert item.get("sources"), f"{indicator}: no sources"
    assert set(item["sources"]) <= set(SOURCES), f"{indicator}: unknown source"
    for field in ("name", "explanation", "advice"):
        for lang in ("ky", "ru"):
            assert str(item[field][lang]).strip(), f"{indicator}.{field}.{lang}"
    question = item.get("question")
    if question:
        assert question["ky"].strip() and question["ru"].strip(), f"{indicator}.question"


@pytest.mark.parametrize(
    "reference", WAGES["references"], ids=lambda r: f"{r['country']}-{r.get('sector')}"
)
def test_each_wage_reference_has_a_source_and_a_date(reference: dict[str, Any]) -> None:
    assert str(reference["source"]).strip()
    assert _checked(reference["checked"]) <= date.today()  # noqa: DTZ011  (a calendar date)
