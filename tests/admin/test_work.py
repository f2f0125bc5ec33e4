"""Unanswered questions, work lists, YAML documents, "try it" and the agency CSV import."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from bot.app import Sapar
from bot.storage import content as rows
from bot.types import ConversationKey, UserMessage
from tests.admin.conftest import csrf, live
from tests.console.conftest import Login

_ids = count(1)


async def say(sapar: Sapar, chat: str, text: str) -> None:
    await sapar.conversations.receive(
        UserMessage(
            ConversationKey("webchat", chat), f"w{next(_ids)}", datetime.now(UTC), text=text
        )
    )


async def open_questions(sapar: Sapar) -> list[str]:
    async with sapar.db.transaction() as session:
        return [q.text for q in await rows.open_unanswered(session)]


async def test_fallback_texts_are_kept_without_personal_data(sapar: Sapar) -> None:
    await say(sapar, "u1", "Салам")  # the welcome: not a fallback
    await say(sapar, "u1", "Патент канча турат? Мага +996 555 123 456 чалыңыз")
    assert await open_questions(sapar) == ["Патент канча турат? Мага [номер] чалыңыз"]


async def test_unanswered_questions_grouped_then_added_as_example_or_dismissed(
    login: Login, sapar: Sapar
) -> None:
    for chat in ("u2", "u3", "u4"):
        await say(sapar, chat, "Салам")
    await say(sapar, "u2", "как получить патент в москве")
    await say(sapar, "u3", "как получить патент в Москве?")
    await say(sapar, "u4", "где купить билет на самолет")
    editor = await login("editor")
    page = await editor.get("/admin/work")
    assert "как получить патент в Москве?" in page.text and "похожих: 2" in page.text

    async with sapar.db.transaction() as session:
        found = {q.text: q.id for q in await rows.open_unanswered(session)}
    token = await csrf(editor)
    ids = [found["как получить патент в москве"], found["как получить патент в Москве?"]]
    added = await editor.post(
        "/admin/work/example",
        data={"csrf_token": token, "ids": ids, "intent": "legal_stay", "language": "ru",
              "text": "как получить патент в москве"},
    )  # fmt: skip
    assert added.status_code == 303
    draft = await live(sapar).revisions.latest("nlu/ru.yml")
    assert draft is not None and draft.status == "draft"
    item = next(i for i in draft.data["nlu"] if i["intent"] == "legal_stay")
    assert item["examples"].endswith("- как получить патент в москве\n")

    dismissed = await editor.post(
        "/admin/work/dismiss",
        data={"csrf_token": token, "ids": [found["где купить билет на самолет"]]},
    )
    assert dismissed.status_code == 303
    assert await open_questions(sapar) == []


async def test_missing_translation_and_stale_lists(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    page = await editor.get("/admin/work")
    assert "Нет перевода (0)" in page.text
    assert "Давно не проверялось (больше 12 мес.)" in page.text


async def test_a_yaml_document_with_a_broken_pattern_is_refused(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    name = "knowledge/indicators.yml"
    page = await editor.get(f"/admin/doc/{name}")
    assert page.status_code == 200 and "document_retention" in page.text
    broken = "version: 1\nindicators:\n  x:\n    severity: high\n    patterns: {ru: ['(паспорт']}\n"
    refused = await editor.post(
        f"/admin/doc/{name}", data={"csrf_token": await csrf(editor), "text": broken}
    )
    assert refused.status_code == 422
    assert "indicators.yml" in refused.text and "x" in refused.text
    assert [r.number for r in await live(sapar).revisions.history(name)] == [1]


async def test_hotline_number_changed_through_yaml_and_published(
    login: Login, sapar: Sapar
) -> None:
    editor = await login("editor")
    name = "knowledge/hotlines.yml"
    page = await editor.get(f"/admin/doc/{name}")
    yaml_text = page.text.split('class="code">')[1].split("</textarea>")[0]
    yaml_text = yaml_text.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")
    assert "number: '189'" in yaml_text
    token = await csrf(editor)
    saved = await editor.post(
        f"/admin/doc/{name}",
        data={"csrf_token": token, "text": yaml_text.replace("number: '189'", "number: '1899'")},
    )
    assert saved.status_code == 303
    revision = saved.headers["location"]
    diff = await editor.get(revision)
    assert "countries.KG.hotlines[0].number" in diff.text and "1899" in diff.text
    await editor.post(revision + "/publish", data={"csrf_token": token})
    assert sapar.content.current.hotlines["KG"]["hotlines"][0]["number"] == "1899"


async def test_try_it_runs_the_offer_check_with_the_draft(login: Login) -> None:
    editor = await login("editor")
    token = await csrf(editor)
    offer = "Работа в Москве, паспорт заберем на хранение, зарплата 3000$. Пишите в WhatsApp."
    checked = await editor.post("/admin/try", data={"csrf_token": token, "text": offer})
    assert checked.status_code == 200
    assert "Паспорт заберут" in checked.text


async def test_agencies_imported_from_csv_as_a_draft(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    token = await csrf(editor)
    imported = await editor.post(
        "/admin/agencies/import",
        data={"csrf_token": token, "csv_text": "name,permit\nАльфа Труд,77\n",
              "source": "Минтруд", "complete": "true"},
    )  # fmt: skip
    assert imported.status_code == 303
    draft = await live(sapar).revisions.latest("knowledge/agencies.yml")
    assert draft is not None and draft.data["complete"] is True
    assert draft.data["agencies"] == [{"name": "Альфа Труд", "permit": "77"}]
