"""Editing an answer in /admin: draft, preview, publish (live at once), diff, rollback."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import count

import httpx

from bot.app import Sapar
from bot.types import ConversationKey, UserMessage
from tests.admin.conftest import csrf, live
from tests.console.conftest import Login

NEW_SHORT = "Жаңы кыска жооп: паспортуңуздун мөөнөтүн текшериңиз."
NEW_MORE = "Жаңы кененирээк жооп: көчүрмөлөрдү үй-бүлөңүзгө калтырыңыз."
_ids = count(1)


async def more_reply(sapar: Sapar) -> str:
    """What a Kyrgyz web chat user gets for the «Кененирээк» button of `documents`."""
    key = ConversationKey("webchat", f"answers{next(_ids)}")
    for button in ("lang_ky", "more:documents"):
        outcome = await sapar.conversations.receive(
            UserMessage(key, f"a{next(_ids)}", datetime.now(UTC), button=button)
        )
    return outcome.replies[0].text


def form(editor_page: str, **changes: str) -> dict[str, str]:
    """The answer form's fields as the page shows them, with `changes`."""
    fields: dict[str, str] = dict(re.findall(r'<input name="(\w+)" value="([^"]*)"', editor_page))
    for name, value in re.findall(
        r'<textarea name="(\w+)" rows="\d+">([^<]*)</textarea>', editor_page
    ):
        fields[name] = value
    fields["csrf_token"] = re.findall(r'name="csrf_token" value="([^"]+)"', editor_page)[0]
    return {k: _unescape(v) for k, v in fields.items()} | changes


def _unescape(text: str) -> str:
    for entity, char in (
        ("&#34;", '"'),
        ("&#39;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ):
        text = text.replace(entity, char)
    return text


async def save(editor: httpx.AsyncClient, **changes: str) -> httpx.Response:
    page = await editor.get("/admin/answers/documents")
    return await editor.post("/admin/answers/documents", data=form(page.text, **changes))


async def test_search_lists_matching_answers(login: Login) -> None:
    editor = await login("editor")
    found = await editor.get("/admin/answers", params={"q": "паспорт"})
    assert 'href="/admin/answers/documents"' in found.text
    none = await editor.get("/admin/answers", params={"q": "zzzz-nothing"})
    assert "Ничего не найдено" in none.text


async def test_edit_publish_and_roll_back_an_answer(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    old_more = await more_reply(sapar)
    assert old_more.startswith("Жолго чыгаар алдында дагы")

    saved = await save(editor, short_ky=NEW_SHORT, more_ky=NEW_MORE, note="кыскартылды")
    assert saved.status_code == 303
    page = await editor.get(saved.headers["location"])
    assert "черновик" in page.text and NEW_SHORT in page.text
    assert 'class="bubble">' + NEW_SHORT in page.text  # the preview bubble
    assert '<span class="chip">Кененирээк</span>' in page.text  # with its button
    assert (await more_reply(sapar)).startswith("Жолго")  # a draft never reaches users

    draft = await live(sapar).revisions.latest("knowledge/answers.yml")
    assert draft is not None and draft.status == "draft"
    diff = await editor.get(f"/admin/revision/{draft.id}")
    assert "answers[documents].short.ky" in diff.text and NEW_SHORT in diff.text
    assert "Жолго чыгаар алдында даярдаңыз" in diff.text  # old → new

    token = await csrf(editor)
    published = await editor.post(f"/admin/revision/{draft.id}/publish", data={"csrf_token": token})
    assert published.status_code == 303
    assert (await more_reply(sapar)).startswith(NEW_MORE)  # live without a restart
    assert sapar.content.current.answers["documents"].general.short["ky"] == NEW_SHORT

    history = await live(sapar).revisions.history("knowledge/answers.yml")
    seed = history[-1]
    back = await editor.post(f"/admin/revision/{seed.id}/publish", data={"csrf_token": token})
    assert back.status_code == 303
    assert (await more_reply(sapar)).startswith("Жолго чыгаар алдында дагы")
    listing = await editor.get("/admin/doc/knowledge/answers.yml")
    assert "rollback to #1" in listing.text and listing.text.count("заменено") == 2


async def test_an_empty_kyrgyz_text_is_refused_and_never_reaches_users(
    login: Login, sapar: Sapar
) -> None:
    editor = await login("editor")
    refused = await save(editor, short_ky="   ")
    assert refused.status_code == 422
    assert "«Короткий ответ» (по-кыргызски) пусто" in refused.text
    assert (await live(sapar).revisions.latest("knowledge/answers.yml")).number == 1
    assert sapar.content.current.answers["documents"].general.short["ky"].startswith("Жолго")


async def test_sources_show_their_titles_and_kind_not_a_dict(login: Login) -> None:
    editor = await login("editor")
    page = _unescape((await editor.get("/admin/answers/unpaid_wages")).text)
    assert "{'ky'" not in page and "'ru':" not in page
    assert "Migranty.org: защитить права мигрантов поможет Роструд" in page
    assert "weak (пользователю не показывается)" in page  # the SEO question page
