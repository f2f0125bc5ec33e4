"""The anonymous facts are written as chats happen: a question, an offer, each hand-off step."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.engine.content.model import Content
from bot.services.conversation import ConversationService
from bot.services.operators.desk import Desk
from bot.services.operators.escalation import Escalations
from bot.settings.operators import OperatorsSettings
from bot.storage import insights
from bot.storage.database import Database
from bot.storage.insights import Filters, InsightEvent
from bot.types import ConversationKey, UserMessage
from tests.services.test_handoff import Recorder, person

KEY = ConversationKey("test", "chat-insight")
NOON = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)  # a Wednesday, 12:00 in Bishkek
OFFER = "Работа в Дубае официантом, паспорт заберём на хранение, вылет завтра, оплата 3000$"
ALL = Filters(date(2026, 1, 1), date(2026, 12, 31))


def msg(n: int, text: str, button: str | None = None) -> UserMessage:
    return UserMessage(KEY, f"i{n}", datetime.now(UTC), text=text, button=button)


async def facts(db: Database, kind: str) -> list[insights.Fact]:
    async with db.transaction() as s:
        return list(await insights.read(s, kind=kind, filters=ALL))


async def test_a_question_an_offer_and_a_whole_hand_off_leave_their_facts(
    db: Database, content: Content
) -> None:
    clock = [NOON]
    escalations = Escalations(OperatorsSettings(), clock=lambda: clock[0])
    svc = ConversationService(db, lambda: content, max_chars=4096, escalations=escalations)
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None, clock=lambda: clock[0])
    ann = await person(db, "ann")

    await svc.receive(msg(1, "Здравствуйте"))
    await svc.receive(msg(2, "Проверить вакансию", "check_offer"))
    assessed = await svc.receive(msg(3, OFFER))
    assert assessed.risk_level == "critical"
    (entry,) = await desk.queue()  # a critical offer goes to people
    clock[0] = NOON + timedelta(minutes=7)
    await desk.claim(entry.entry.id, ann)
    clock[0] = NOON + timedelta(minutes=9)
    await desk.reply(entry.entry.id, ann, "Здравствуйте, я оператор")
    await desk.reply(entry.entry.id, ann, "Не отдавайте паспорт")  # not a first reply
    clock[0] = NOON + timedelta(minutes=30)
    await desk.close(entry.entry.id, ann, "advised")

    assert [f.intent for f in await facts(db, "question")] == ["greet"]
    (offer,) = await facts(db, "offer")
    assert (offer.level, offer.country, offer.sector, offer.pay_band) == (
        "critical", "AE", offer.sector, "3000_plus",
    )  # fmt: skip
    assert "document_retention" in offer.indicators and offer.day == NOON.date()
    (handoff,) = await facts(db, "handoff")
    assert handoff.reason == "critical_offer" and handoff.channel == "test"
    (claim,) = await facts(db, "claim")
    (reply,) = await facts(db, "reply")
    (close,) = await facts(db, "close")
    assert (claim.seconds, reply.seconds, close.outcome) == (7 * 60, 9 * 60, "advised")


async def test_a_withdrawn_request_is_an_outcome_and_rows_have_random_keys(
    db: Database, content: Content
) -> None:
    escalations = Escalations(OperatorsSettings(), clock=lambda: NOON)
    svc = ConversationService(db, lambda: content, max_chars=4096, escalations=escalations)
    await svc.receive(msg(1, "оператор"))
    await svc.receive(msg(2, "Оператор не нужен", "withdraw_operator"))
    assert [f.outcome for f in await facts(db, "close")] == ["withdrawn"]
    async with db.transaction() as s:
        keys = (await s.scalars(select(InsightEvent.id))).all()
    assert keys and all(len(k) == 32 and not k.isdigit() for k in keys)
