"""The /insights page and its CSV: figures by filter, small cells as "< 5", clear errors."""

from __future__ import annotations

import csv
import io

from bot.app import Sapar
from tests.console.conftest import Login
from tests.insights.seed import seed

HTML = {"accept": "text/html"}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_the_page_has_every_section_with_chart_table_and_csv_link(
    sapar: Sapar, login: Login
) -> None:
    await seed(sapar.db)
    http = await login("manager")
    page = await http.get("/insights", headers={**HTML, "accept-language": "ru"})
    assert page.status_code == 200
    for name in ("intents", "levels", "signs", "indicators", "pay", "reasons", "times",
                 "outcomes", "ratings"):  # fmt: skip
        assert f'id="{name}"' in page.text and f'href="/insights/csv/{name}' in page.text
    assert page.text.count("<svg") == 9 and "<script" not in page.text
    assert "&lt; 5" in page.text  # the UAE's three offers
    ky = await http.get("/insights", headers={**HTML, "accept-language": "ky"})
    assert "Программанын көрсөткүчтөрү" in ky.text and "Орусия" in ky.text


async def test_the_country_filter_and_the_small_cell_rule_reach_the_csv(
    sapar: Sapar, login: Login
) -> None:
    await seed(sapar.db)
    http = await login("manager")
    levels = rows_of((await http.get("/insights/csv/levels")).text)
    assert {r["level"]: r["count"] for r in levels} == {
        "critical": "< 5", "high": "25", "medium": "12",
    }  # fmt: skip
    korea = rows_of((await http.get("/insights/csv/indicators?country=KR")).text)
    assert {r["country"] for r in korea} == {"KR"}
    assert sum(int(r["count"]) for r in korea if r["count"] != "< 5") <= 12
    uae = await http.get("/insights/csv/indicators?country=AE")
    assert uae.headers["content-type"].startswith("text/csv")
    assert "attachment" in uae.headers["content-disposition"]
    (row,) = rows_of(uae.text)
    assert (row["indicator"], row["sector"], row["count"]) == (
        "document_retention", "hospitality", "< 5",
    )  # fmt: skip
    times = {r["measure"]: r for r in rows_of((await http.get("/insights/csv/times")).text)}
    assert times["claim"]["count"] == "10" and times["claim"]["target_minutes"] == "15"
    assert float(times["claim"]["median_minutes"]) < float(times["claim"]["p90_minutes"])
    few = rows_of((await http.get("/insights/csv/times?country=KR")).text)  # 2 chats
    assert [r["count"] for r in few] == ["< 5", "< 5"] and few[0]["median_minutes"] == ""


async def test_bad_filters_get_a_clear_error_and_lose_nothing(sapar: Sapar, login: Login) -> None:
    await seed(sapar.db)
    http = await login("manager")
    page = await http.get("/insights?from=2026-13-40&country=RU", headers=HTML)
    assert page.status_code == 400 and 'role="alert"' in page.text
    backwards = await http.get("/insights/csv/levels?from=2026-12-02&to=2026-12-01")
    assert backwards.status_code == 400 and "starts after it ends" in backwards.text
    odd = await http.get("/insights/csv/levels?country=%3Cscript%3E")
    assert odd.status_code == 400
    assert (await http.get("/insights/csv/no_such_table")).status_code == 404
    long = await http.get("/insights/csv/levels?from=" + "9" * 500)
    assert long.status_code == 422  # over the field's length: refused before any reading
    assert (await http.get("/insights", headers=HTML)).status_code == 200
