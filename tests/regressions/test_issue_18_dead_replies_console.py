"""Issue 18: replies Sapar gave up on were shown nowhere (`dead()`/`requeue()` had no route).

Now /console/dead lists them (chat, channel, when, reason, the start of the text) to
operators and admins, and "send again" requeues one, written to the audit log. A stranger,
anonymous or with another role, gets nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from bot.app import Sapar
from bot.storage.audit import AuditEntry
from bot.web.app import create_app
from tests.channels.conftest import Running, eventually, settings_for, tg_text
from tests.channels.fakes import FakeTelegram
from tests.console.conftest import PASSWORD, client_for, csrf_of

Start = Callable[[Any], Awaitable[Running]]


async def logged_in(app: Any, role: str, name: str) -> httpx.AsyncClient:
    await app.state.console.staff.add(name, PASSWORD, role)
    http = client_for(app)
    token = await csrf_of(http, "/console/login")
    response = await http.post(
        "/console/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 303, response.text
    return http


async def dead_text(sapar: Sapar) -> tuple[int, str]:
    dead = await sapar.outbox.dead()
    assert len(dead) == 1, dead
    return dead[0].row_id, dead[0].text


async def test_a_dead_reply_is_listed_for_operators_and_sent_again_and_strangers_see_nothing(
    tmp_path: Path, fake_telegram: FakeTelegram, database_url: str, start: Start
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram, database_url=database_url))
    fake_telegram.fail_next("403")  # the user had blocked the bot: dead at once
    assert (await running.telegram(tg_text(1, 9300, 1, "Здравствуйте"))).status_code == 200
    counts = await running.settled()
    assert counts.get("dead") == 1, counts
    row_id, text = await dead_text(running.sapar)
    preview = " ".join(text.split())[:40]

    app = create_app(running.sapar)
    anonymous, editor = client_for(app), await logged_in(app, "editor", "edith")
    operator = await logged_in(app, "operator", "olga")
    try:
        for stranger in (anonymous, editor):
            page = await stranger.get("/console/dead", headers={"accept": "text/html"})
            assert page.status_code in (303, 403) and preview not in page.text
            token = stranger.cookies.get("csrf_token", "")
            refused = await stranger.post(
                "/console/dead/resend", data={"row_id": str(row_id), "csrf_token": token}
            )
            assert refused.status_code in (401, 403) and preview not in refused.text
        assert await dead_text(running.sapar) == (row_id, text)  # nobody requeued it

        page = await operator.get("/console/dead", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert preview in " ".join(page.text.split())
        assert "blocked by the user" in page.text and "telegram" in page.text
        assert "…9300" in page.text and "Недоставленные ответы" in page.text

        token = await csrf_of(operator, "/console/dead")
        forged = await operator.post("/console/dead/resend", data={"row_id": str(row_id)})
        assert forged.status_code == 403  # without the CSRF token
        sent = await operator.post(
            "/console/dead/resend", data={"row_id": str(row_id), "csrf_token": token}
        )
        assert (sent.status_code, sent.headers["location"]) == (303, "/console/dead?done=requeued")

        async def delivered() -> bool:
            texts = fake_telegram.delivered["9300"]
            return any(" ".join(t.split()).startswith(preview) for t in texts)

        await eventually(delivered)
        assert (await running.settled()).get("dead") is None
        again = await operator.post(
            "/console/dead/resend", data={"row_id": str(row_id), "csrf_token": token}
        )
        assert again.headers["location"] == "/console/dead?done=not_dead"
        kyrgyz = await operator.get(
            "/console/dead?done=not_dead", headers={"accept-language": "ky,ru;q=0.8"}
        )
        assert "Жеткирилбеген жооп жок." in kyrgyz.text and "кезекте" in kyrgyz.text
    finally:
        for http in (anonymous, editor, operator):
            await http.aclose()

    async with running.sapar.db.transaction() as s:
        query = select(AuditEntry).where(AuditEntry.action == "resend_dead")
        entries = (await s.scalars(query)).all()
    assert [(e.username, e.detail) for e in entries] == [("olga", f"outbox row {row_id}")]


async def test_the_page_says_when_it_shows_only_the_newest(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram))
    fake_telegram.fail_next("403", "403", "403")
    for n in range(3):
        update = tg_text(n + 1, 9400 + n, 1, "Здравствуйте")
        assert (await running.telegram(update)).status_code == 200
    assert (await running.settled()).get("dead") == 3
    app = create_app(running.sapar)
    app.state.console.dead.page_size = 2
    operator = await logged_in(app, "operator", "oksana")
    try:
        page = await operator.get("/console/dead")
    finally:
        await operator.aclose()
    assert "Всего 3, здесь последние 2." in page.text
