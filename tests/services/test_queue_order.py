"""The queue an operator works: urgent first, then the longest waiting; late past its target."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.engine.content.model import Content
from bot.services.operators.desk import Desk
from bot.services.operators.targets import deadlines, due_at, is_late
from bot.settings.operators import OperatorsSettings
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.types import ConversationKey
from tests.services.test_handoff import WEDNESDAY_NOON, Recorder, msg, person, service

# (reason, risk level, emergency, minutes waited) of each chat, in the order they came.
CHATS = [
    ("asked_for_human", None, False, 50),
    ("critical_offer", "critical", False, 10),
    ("not_understood", None, False, 70),
    ("emergency", None, True, 3),
    ("critical_offer", "critical", False, 30),
    ("asked_for_human", "high", False, 5),
    ("passport_taken", None, True, 8),
]


async def queue_of(db: Database, content: Content) -> list[Handoff]:
    """The chats of CHATS handed over, with their reasons, levels and waiting times."""
    svc = service(db, content)
    for n in range(len(CHATS)):
        await svc.receive(msg(n, "оператор", ConversationKey("test", f"q{n}")))
    async with db.transaction() as s:
        entries = (await s.scalars(select(Handoff).order_by(Handoff.id))).all()
        for entry, (reason, level, emergency, waited) in zip(entries, CHATS, strict=True):
            entry.reason, entry.risk_level, entry.emergency = reason, level, emergency
            entry.created_at = WEDNESDAY_NOON - timedelta(minutes=waited)
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None)
    return [item.entry for item in await desk.queue()]


async def test_emergencies_first_then_by_level_then_the_longest_waiting(
    db: Database, content: Content
) -> None:
    order = [(e.reason, e.risk_level, e.emergency) for e in await queue_of(db, content)]
    assert order == [
        ("passport_taken", None, True),  # 8 minutes
        ("emergency", None, True),  # 3 minutes
        ("critical_offer", "critical", False),  # 30
        ("critical_offer", "critical", False),  # 10
        ("asked_for_human", "high", False),
        ("not_understood", None, False),  # 70: no level, the longest waiting first
        ("asked_for_human", None, False),  # 50
    ]


async def test_a_queued_chat_is_late_past_its_reasons_target_and_a_taken_one_never(
    db: Database, content: Content
) -> None:
    settings = OperatorsSettings(wait_targets_minutes={"emergency": 5, "critical_offer": 20})
    entries = {(e.reason, e.created_at): e for e in await queue_of(db, content)}
    late = {
        (e.reason, int((WEDNESDAY_NOON - e.created_at).total_seconds() // 60))
        for e in entries.values()
        if is_late(e, settings, WEDNESDAY_NOON)
    }
    # Targets: emergency 5, critical offer 20, every other reason the claim target (15):
    # the emergency (3 min), the passport (8 of 15) and the newer offer (10 of 20) are not.
    assert late == {("critical_offer", 30), ("not_understood", 70), ("asked_for_human", 50)}
    emergency = next(e for e in entries.values() if e.reason == "emergency")
    assert due_at(emergency, settings) == emergency.created_at + timedelta(minutes=5)
    assert not is_late(emergency, settings, emergency.created_at + timedelta(minutes=4, seconds=59))
    assert is_late(emergency, settings, emergency.created_at + timedelta(minutes=5))
    # Taken: no longer waiting for anyone, so never late and without a due time.
    ann = await person(db, "ann")
    desk = Desk(db, lambda: content, publish=Recorder(), wake=lambda: None)
    await desk.claim(emergency.id, ann)
    items = await desk.queue()
    taken = next(i.entry for i in items if i.entry.id == emergency.id)
    assert not is_late(taken, settings, WEDNESDAY_NOON + timedelta(days=1))
    assert emergency.id not in deadlines(items, settings) and len(deadlines(items, settings)) == 6
