"""Hotlines per country and canned replies edited as forms."""

from __future__ import annotations

import html
import re

import httpx
from fastapi import FastAPI

from bot.app import Sapar
from tests.admin.conftest import live
from tests.console.conftest import Login


def fields(page: str, form_id: str | None = None) -> dict[str, str]:
    """The named fields of a page's form (of the form with `form_id`, if given)."""
    if form_id:
        page = page.split(f'id="{form_id}"')[1].split("</form>")[0]
    found = dict(re.findall(r'name="([\w-]+)" value="([^"]*)"', page))
    found |= dict(re.findall(r'<textarea name="([\w-]+)"[^>]*>([^<]*)</textarea>', page))
    return {k: html.unescape(v) for k, v in found.items()}


async def post(editor: httpx.AsyncClient, path: str, data: dict[str, str]) -> httpx.Response:
    return await editor.post(path, data=data)


async def test_a_hotline_number_changed_per_country(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    page = await editor.get("/admin/hotlines")
    assert "Россия" in page.text and "+7 925 115 50 47" in page.text
    form = fields(page.text, "country-RU")
    assert form["hotlines-0-number"] == "+7 925 115 50 47"
    form["hotlines-0-number"] = "+7 925 000 00 00"
    saved = await post(editor, "/admin/hotlines/RU", form)
    assert saved.status_code == 303
    await editor.post(
        saved.headers["location"] + "/publish", data={"csrf_token": form["csrf_token"]}
    )
    assert sapar.content.current.hotlines["RU"]["hotlines"][0]["number"] == "+7 925 000 00 00"


async def test_an_empty_kyrgyz_label_is_refused(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/hotlines")).text, "country-KG")
    form["emergency-0-label-ky"] = " "
    refused = await post(editor, "/admin/hotlines/KG", form)
    assert refused.status_code == 422
    assert "countries.KG.emergency[0].label» (по-кыргызски) пусто" in refused.text
    assert [r.number for r in await live(sapar).revisions.history("knowledge/hotlines.yml")] == [1]


async def test_canned_replies_saved_then_published_to_the_console(
    login: Login, sapar: Sapar, app: FastAPI
) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/canned")).text)
    assert form["0-title"] == "Приветствие"
    form["0-ky"] = "Саламатсызбы! Мен 189 ишеним телефонунун операторумун."
    saved = await post(editor, "/admin/canned", form)
    assert saved.status_code == 303
    draft = await live(sapar).revisions.latest("knowledge/canned_replies.yml")
    assert draft is not None and draft.status == "draft"
    assert draft.data["replies"][0]["ky"].endswith("операторумун.")
    assert app.state.console.canned[0].texts["ky"].endswith("операторумун.") is False  # a draft
    await editor.post(
        saved.headers["location"] + "/publish", data={"csrf_token": form["csrf_token"]}
    )
    assert app.state.console.canned[0].texts["ky"].endswith("операторумун.")  # operators get it now
    form["1-ru"] = ""
    refused = await post(editor, "/admin/canned", form)
    assert refused.status_code == 422 and "(по-русски) пусто" in refused.text


async def test_wage_references_edited_and_published(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/wages")).text)
    assert (form["0-low"], form["0-high"]) == ("1500", "2500")
    refused = await post(editor, "/admin/wages", form | {"0-high": "много"})
    assert refused.status_code == 422 and "числа" in refused.text
    saved = await post(editor, "/admin/wages", form | {"0-high": "2700"})
    assert saved.status_code == 303
    await editor.post(
        saved.headers["location"] + "/publish", data={"csrf_token": form["csrf_token"]}
    )
    published = await live(sapar).revisions.live()
    assert published.documents["knowledge/wages.yml"]["references"][0]["usd_month"] == [1500, 2700]
