"""The chat through HTTP: claim, reply, note, close; CSRF refusal; user text stays text."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from bot.app import Sapar
from bot.storage import handoffs
from bot.storage.models import Conversation, OutboxRow
from bot.types import ConversationKey
from tests.console.conftest import Login, csrf_of, hand_over, say

XSS = '<img src=x onerror=alert(1)><script>alert("x")</script>'


async def outbox_texts(sapar: Sapar, conversation_id: int) -> list[str]:
    async with sapar.db.transaction() as s:
        rows = await s.scalars(
            select(OutboxRow)
            .where(OutboxRow.conversation_id == conversation_id)
            .order_by(OutboxRow.id)
        )
        return [str(r.payload["text"]) for r in rows]


async def conversation_of(sapar: Sapar, handoff_id: int) -> Conversation:
    async with sapar.db.transaction() as s:
        entry = await handoffs.get(s, handoff_id=handoff_id)
        assert entry is not None
        conv = await s.get(Conversation, entry.conversation_id)
        assert conv is not None
        return conv


async def test_claim_reply_and_close_reach_the_user_and_give_the_chat_back(
    sapar: Sapar, login: Login
) -> None:
    handoff_id = await hand_over(sapar)
    http = await login("operator")
    token = await csrf_of(http, "/console")
    queue = await http.get("/console/queue")
    assert f"/console/chats/{handoff_id}" in queue.text and "Просит человека" in queue.text
    claimed = await http.post(f"/console/chats/{handoff_id}/claim", data={"csrf_token": token})
    assert claimed.status_code == 303
    for n in range(3):
        sent = await http.post(
            f"/console/chats/{handoff_id}/reply",
            data={"text": f"ответ {n}"},
            headers={"x-csrf-token": token, "accept": "application/json"},
        )
        assert sent.status_code == 200 and sent.json() == {"ok": True}
    page = await http.get(f"/console/chats/{handoff_id}")
    assert "ответ 2" in page.text and "Шаблоны ответов" in page.text
    note = await http.post(
        f"/console/chats/{handoff_id}/note", data={"csrf_token": token, "text": "private"}
    )
    assert note.status_code == 303
    closed = await http.post(
        f"/console/chats/{handoff_id}/close", data={"csrf_token": token, "outcome": "advised"}
    )
    assert closed.status_code == 303
    conv = await conversation_of(sapar, handoff_id)
    texts = await outbox_texts(sapar, conv.id)
    assert [t for t in texts if t.startswith("ответ")] == ["ответ 0", "ответ 1", "ответ 2"]
    assert "private" not in " ".join(texts)
    assert conv.status == "bot"
    closing, question = texts[-2:]  # the closing line, then the satisfaction question
    assert "Оператор сүйлөшүүнү аяктады" in closing or "Оператор завершил" in closing
    assert "Оператор сизге жардам бердиби" in question


async def test_a_second_operator_cannot_take_or_answer_a_taken_chat(
    sapar: Sapar, login: Login
) -> None:
    handoff_id = await hand_over(sapar)
    ann, bob = await login("operator"), await login("operator")
    ann_token, bob_token = await csrf_of(ann, "/console"), await csrf_of(bob, "/console")
    await ann.post(f"/console/chats/{handoff_id}/claim", data={"csrf_token": ann_token})
    late = await bob.post(
        f"/console/chats/{handoff_id}/claim",
        data={"csrf_token": bob_token},
        headers={"accept": "application/json"},
    )
    assert late.status_code == 409 and late.json()["code"] == "taken"
    reply = await bob.post(
        f"/console/chats/{handoff_id}/reply",
        data={"text": "hi"},
        headers={"x-csrf-token": bob_token, "accept": "application/json"},
    )
    assert reply.status_code == 409 and reply.json()["code"] == "not_yours"


async def test_state_changes_without_the_csrf_token_are_refused(sapar: Sapar, login: Login) -> None:
    handoff_id = await hand_over(sapar)
    http = await login("operator")
    token = await csrf_of(http, "/console")
    url = f"/console/chats/{handoff_id}/claim"
    assert (await http.post(url)).status_code == 403
    assert (await http.post(url, data={"csrf_token": "forged"})).status_code == 403
    other_site = {"origin": "https://evil.example"}
    assert (await http.post(url, data={"csrf_token": token}, headers=other_site)).status_code == 403
    logout = await http.post("/console/logout")
    assert logout.status_code == 403
    queue = await http.get("/console/queue")
    assert "в очереди" in queue.text  # nothing was claimed, and the session still works


async def test_markup_from_users_and_staff_is_shown_as_text(sapar: Sapar, login: Login) -> None:
    handoff_id = await hand_over(sapar, "/operator", chat="xss")
    await say(sapar, ConversationKey("webchat", "xss"), XSS)
    http = await login("operator")
    token = await csrf_of(http, "/console")
    await http.post(f"/console/chats/{handoff_id}/note", data={"csrf_token": token, "text": XSS})
    for path in (f"/console/chats/{handoff_id}", f"/console/chats/{handoff_id}/transcript"):
        body = (await http.get(path)).text
        assert "<img src=x" not in body and '<script>alert("x")' not in body, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in body, path
    page = await http.get(f"/console/chats/{handoff_id}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in page.text.replace(
        '<script src="/console/static/console.js" defer>', ""
    )


async def test_admins_see_who_opened_which_chat(sapar: Sapar, login: Login) -> None:
    handoff_id = await hand_over(sapar)
    operator = await login("operator", "olga")
    await operator.get(f"/console/chats/{handoff_id}")
    admin = await login("admin")
    audit = await admin.get("/console/audit")
    assert audit.status_code == 200
    assert "olga" in audit.text and "открыл(а) чат" in audit.text
    assert (await operator.get("/console/audit")).status_code == 403


async def test_static_files_are_local_and_pages_load_no_cdn(login: Login) -> None:
    http: httpx.AsyncClient = await login("operator")
    page = await http.get("/console")
    assert "https://" not in page.text and "cdn" not in page.text.lower()
    script = await http.get("/console/static/console.js")
    assert script.status_code == 200 and "EventSource" in script.text


async def test_after_closing_the_operator_no_longer_sees_new_messages(
    sapar: Sapar, login: Login
) -> None:
    handoff_id = await hand_over(sapar, "/operator", chat="later")
    http = await login("operator")
    token = await csrf_of(http, "/console")
    await http.post(f"/console/chats/{handoff_id}/claim", data={"csrf_token": token})
    await http.post(
        f"/console/chats/{handoff_id}/close", data={"csrf_token": token, "outcome": "other"}
    )
    await say(sapar, ConversationKey("webchat", "later"), "written after the close")
    page = await http.get(f"/console/chats/{handoff_id}/transcript")
    assert "written after the close" not in page.text
    assert "Оператор" in page.text  # the closing line is still there


async def test_the_chat_page_shows_the_bots_assessment_with_evidence(
    sapar: Sapar, login: Login
) -> None:
    handoff_id = await hand_over(sapar)
    conv = await conversation_of(sapar, handoff_id)
    async with sapar.db.transaction() as s:
        row = await s.get(Conversation, conv.id)
        assert row is not None
        offer = "Работа в Дубае, паспорт заберём на хранение <b>срочно</b>, вылет завтра"
        row.state = {**row.state, "offer": {"texts": [offer], "answers": {}}}
    http = await login("operator")
    page = await http.get(f"/console/chats/{handoff_id}")
    assert "Оценка вакансии ботом" in page.text and "критический" in page.text
    assert "паспорт заберём на хранение" in page.text and "<b>срочно" not in page.text
    # In the case summary at the top (issue 15), with where the offer's work is.
    top = page.text[page.text.index('class="facts') : page.text.index('class="chat"')]
    assert 'id="sum-assessment"' in top and "место работы: Дубай" in top
