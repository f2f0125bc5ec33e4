"""Satisfaction after close: the question in the user's language, answers stored without
identity and counted once, per month, never per operator below five answers."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from sqlalchemy import select

from bot.app import Sapar
from bot.clock import utcnow
from bot.services.operators.satisfaction import SatisfactionReport, period_of
from bot.storage import satisfaction
from bot.storage.models import OutboxRow
from bot.storage.satisfaction import SatisfactionAnswer
from bot.storage.staff import StaffUser
from bot.types import ConversationKey, Reply, UserMessage
from tests.console.conftest import Login, csrf_of, sapar_desk

_ids = count(1)


async def send(
    sapar: Sapar, key: ConversationKey, text: str = "", button: str | None = None
) -> None:
    message = UserMessage(key, f"s{next(_ids)}", datetime.now(UTC), text=text, button=button)
    await sapar.conversations.receive(message)


async def last_reply(sapar: Sapar, key: ConversationKey) -> Reply:
    async with sapar.db.transaction() as s:
        row = await s.scalar(
            select(OutboxRow).where(OutboxRow.chat_id == key.chat_id).order_by(OutboxRow.id.desc())
        )
        assert row is not None
        return Reply.from_dict(row.payload)


async def answers(sapar: Sapar) -> list[SatisfactionAnswer]:
    async with sapar.db.transaction() as s:
        return list((await s.scalars(select(SatisfactionAnswer))).all())


async def closed_chat(
    sapar: Sapar, login: Login, first: str, operator: str = "aibek"
) -> ConversationKey:
    """A web chat user who wrote `first`, asked for a person, and whose chat was closed."""
    key = ConversationKey("webchat", f"csat{next(_ids)}")
    await send(sapar, key, first)
    await send(sapar, key, "/operator")
    (item,) = [i for i in await sapar_desk(sapar).queue() if i.entry.status == "queued"]
    http = await login("operator", f"{operator}{next(_ids)}")
    token = await csrf_of(http, "/console")
    url = f"/console/chats/{item.entry.id}"
    assert (await http.post(f"{url}/claim", data={"csrf_token": token})).status_code == 303
    closed = await http.post(f"{url}/close", data={"csrf_token": token, "outcome": "advised"})
    assert closed.status_code == 303
    return key


async def test_a_closed_chat_is_asked_in_its_language_and_the_answer_is_counted_once(
    sapar: Sapar, login: Login
) -> None:
    key = await closed_chat(sapar, login, "Здравствуйте, мне нужна помощь")
    question = await last_reply(sapar, key)
    assert "Помог ли вам оператор" in question.text
    up = next(b.payload for b in question.buttons if b.title == "👍 Помог")

    await send(sapar, key, button=up)
    await send(sapar, key, button=up)  # a double press
    await send(sapar, key, "Ответили быстро, спасибо")
    await send(sapar, key, "А как проверить агентство?")  # a question, not a second comment

    stored = await answers(sapar)
    assert [(a.rating, a.comment) for a in stored] == [
        ("up", None),
        (None, "Ответили быстро, спасибо"),
    ]
    columns = set(SatisfactionAnswer.__table__.columns.keys())
    assert not columns & {"chat_id", "user_id", "conversation_id", "handoff_id", "created_at"}
    assert {a.channel for a in stored} == {"webchat"}
    assert {a.period for a in stored} == {period_of(utcnow())}
    (month,) = await SatisfactionReport(sapar.db).months()
    assert (month.up, month.down, month.answers) == (1, 0, 1)
    assert month.operators == () and month.unshown == 1  # one answer: nobody's on its own
    assert month.comments == ("Ответили быстро, спасибо",)


async def test_a_kyrgyz_user_gets_kyrgyz_buttons_and_forget_mid_question_counts_nothing(
    sapar: Sapar, login: Login
) -> None:
    key = await closed_chat(sapar, login, "Саламатсызбы, жардам керек")
    question = await last_reply(sapar, key)
    assert "Оператор сизге жардам бердиби" in question.text
    assert [b.title for b in question.buttons] == ["👍 Жардам берди", "👎 Жардам бербеди"]

    await send(sapar, key, "/forget")
    await send(sapar, key, button="yes_forget")
    await send(sapar, key, button=question.buttons[1].payload)  # the old question, after /forget
    assert await answers(sapar) == []
    assert "жабылган" in (await last_reply(sapar, key)).text


async def test_admins_see_an_operator_only_from_five_answers(sapar: Sapar, login: Login) -> None:
    for name in ("asel", "bakyt"):
        await login("operator", name)
    async with sapar.db.transaction() as s:
        ids = {u.username: u.id for u in await s.scalars(select(StaffUser))}
        for name, ups in (("asel", 4), ("bakyt", 5)):
            for n in range(ups):
                await satisfaction.add(
                    s, period="2026-11", channel="telegram", language="ky",
                    rating="up" if n else "down", operator_id=ids[name],
                )  # fmt: skip
    admin = await login("admin", "root")
    page = (await admin.get("/console/satisfaction")).text
    section = page.split('id="csat-2026-11"')[1].split("</section>")[0]
    assert "bakyt" in section and "asel" not in section
    assert "<td>9</td>" in section and "(вместе): 4" in section
    operator = await login("operator")
    assert (await operator.get("/console/satisfaction")).status_code == 403
