"""Issue 16: after /forget no row holds the person, and the anonymous figures stay the same.

The person (on WhatsApp: the chat id is the phone number) asks a question the bot cannot
answer with their name and number in it, checks an offer, is handed to an operator who takes
the chat, replies and closes it, rates the help and then uses /forget. Every table is read
back, whatever it is; the insight facts are counted before and after.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.operators.desk import Desk
from bot.services.outbox import OutboxService
from bot.storage.database import Database
from bot.storage.insights import InsightEvent
from tests.regressions.test_issue_18_forget_leaves_nothing import (
    QUESTION,
    TRACES,
    deliver_everything,
    say,
    traces,
)
from tests.services.test_handoff import Recorder, person

OFFER = "Работа в Дубае официантом, паспорт заберём на хранение, вылет завтра, оплата 3000$"


async def figures(db: Database) -> Counter[str]:
    """Every insight row as its whole content, counted."""
    async with db.transaction() as s:
        rows = (await s.scalars(select(InsightEvent))).all()
    columns = [c.key for c in InsightEvent.__table__.columns if c.key != "id"]
    return Counter(json.dumps([getattr(r, c) for c in columns]) for r in rows)


def insight_rows(connection: Connection) -> list[str]:
    found = connection.execute(text('SELECT * FROM "insight_events"')).all()
    return [json.dumps([str(v) for v in row], ensure_ascii=False) for row in found]


async def test_issue_16_forget_leaves_no_trace_and_the_figures_unchanged(
    db: Database, content: Content
) -> None:
    svc = ConversationService(db, lambda: content, max_chars=4096)
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None)
    outbox = OutboxService(db)
    olga = await person(db, "olga")
    await svc.receive(say(1, "Здравствуйте"))
    await svc.receive(say(2, QUESTION))
    await svc.receive(say(3, "Проверить вакансию", "check_offer"))
    checked = await svc.receive(say(4, OFFER))
    assert checked.escalated  # a critical offer goes to people
    (item,) = await desk.queue()
    await desk.claim(item.entry.id, olga)
    await desk.reply(item.entry.id, olga, "Айгуль, не отдавайте паспорт")
    await desk.close(item.entry.id, olga, "advised")
    survey = item.entry.id
    await svc.receive(say(5, "👍", f"rate:{survey}:up"))
    await deliver_everything(outbox)
    before = await figures(db)
    kinds = Counter(json.loads(line)[1] for line in before.elements())
    assert {k: kinds[k] for k in ("offer", "handoff", "claim", "reply", "close")} == {
        "offer": 1, "handoff": 1, "claim": 1, "reply": 1, "close": 1,
    }  # fmt: skip
    assert kinds["question"] >= 2 and kinds["rating"] == 1
    assert set(await traces(db)) == set(TRACES)  # the walk does see the person before

    await svc.receive(say(6, "/forget"))
    await svc.receive(say(7, "Да", "yes_forget"))
    await deliver_everything(outbox)
    assert await outbox.finish_forgotten(utcnow() + timedelta(minutes=5)) == 1

    assert await traces(db) == {}  # no row of any table holds the person's words or ids
    assert await figures(db) == before  # nothing of the figures went, nothing was added
    async with db.engine.connect() as conn:
        kept = await conn.run_sync(insight_rows)
    today = datetime.now(UTC).date().isoformat()
    for line in kept:  # a day, ids of kinds and labels, counts of seconds: nothing else
        assert not any(t in line for t in (*TRACES, "паспорт", "Дубае", "Айгуль")), line
        assert today in line and ":" not in line.replace(today, ""), line
