"""Indicators edited as forms; "try it" runs the offer check with the unpublished draft."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.app import Sapar
from bot.engine.offer.risk import check_text
from tests.admin.conftest import csrf, live
from tests.admin.test_lists import fields
from tests.console.conftest import Login

SIGN = "сдайте ваш загранник нам"

ROOT = Path(__file__).resolve().parents[2]


async def test_the_list_and_one_indicator_with_its_patterns(login: Login) -> None:
    editor = await login("editor")
    listing = await editor.get("/admin/indicators")
    assert 'href="/admin/indicators/document_retention"' in listing.text
    page = await editor.get("/admin/indicators/document_retention")
    form = fields(page.text)
    assert form["name-ru"] == "Паспорт заберут" and form["name-ky"] == "Паспортту алып калышат"
    seed = yaml.safe_load((ROOT / "knowledge" / "indicators.yml").read_text(encoding="utf-8"))
    wanted = seed["indicators"]["document_retention"]["patterns"]["ru"]
    assert form["patterns-ru"].splitlines() == wanted  # every pattern, one per line
    assert "<option selected>critical</option>" in page.text


async def test_a_new_pattern_works_in_try_it_before_it_is_published(
    login: Login, sapar: Sapar
) -> None:
    editor = await login("editor")
    token = await csrf(editor)
    before = await editor.post("/admin/try", data={"csrf_token": token, "text": SIGN})
    assert "Паспорт заберут" not in before.text

    form = fields((await editor.get("/admin/indicators/document_retention")).text)
    form["patterns-ru"] += "\n" + r"\bзагранник\w{0,3}\b[^.!?\n]{0,20}\bнам\b"
    form["severity"] = "critical"
    saved = await editor.post("/admin/indicators/document_retention", data=form)
    assert saved.status_code == 303

    after = await editor.post("/admin/try", data={"csrf_token": token, "text": SIGN})
    assert "Паспорт заберут" in after.text  # the draft catalogue
    live = sapar.content.current.offers
    assert live is not None
    found = check_text(SIGN, live).indicator_ids
    assert "document_retention" not in found  # users still get the published patterns
    [indicator] = [i for i in live.indicators if i.id == "document_retention"]
    assert not any("загранник" in m.regex.pattern for m in indicator.patterns)


async def test_a_broken_pattern_or_severity_is_refused(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/indicators/document_retention")).text)
    form["severity"] = "critical"
    broken = form | {"patterns-ky": form["patterns-ky"] + "\n(паспорт"}
    refused = await editor.post("/admin/indicators/document_retention", data=broken)
    assert refused.status_code == 422
    assert "indicators.yml: document_retention" in refused.text and "patterns" in refused.text
    unbounded = form | {"patterns-ru": "паспорт.*заберем"}
    assert (
        await editor.post("/admin/indicators/document_retention", data=unbounded)
    ).status_code == 422
    bad = form | {"severity": "awful"}
    refused = await editor.post("/admin/indicators/document_retention", data=bad)
    assert refused.status_code == 422 and "severity" in refused.text
    assert [r.number for r in await live(sapar).revisions.history("knowledge/indicators.yml")] == [
        1
    ]
