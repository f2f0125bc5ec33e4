"""Automatic assignment on every backend: fewest open chats, ties, the limit, leavers."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.clock import utcnow
from bot.engine.content.model import Content
from bot.services.operators.assign import Assigner
from bot.services.operators.desk import Desk
from bot.services.operators.shift_job import ShiftJob
from bot.services.presence import set_presence
from bot.services.staff import Staff, StaffService
from bot.settings.operators import OperatorsSettings
from bot.storage import audit, staff
from bot.storage.database import Database
from bot.storage.handoffs import Handoff
from bot.storage.models import Conversation, OutboxRow
from bot.storage.staff import StaffSession
from bot.types import ConversationKey
from tests.conftest import DatabaseFactory
from tests.services.test_handoff import Recorder, msg, person, service

AUTO = OperatorsSettings(assignment="auto", max_open_chats=2)


def assigner(db: Database, content: Content, settings: OperatorsSettings = AUTO) -> Assigner:
    return Assigner(db, lambda: content, settings, publish=Recorder(), wake=lambda: None)


async def on_shift(
    db: Database, name: str, shift: Assigner | None = None, hours: float = 8
) -> Staff:
    """An operator logged in (for `hours`, maybe negative: ran out) and «online»."""
    who = await person(db, name)
    async with db.transaction() as s:
        await staff.add_session(
            s,
            token_hash=f"session-{name}",
            user_id=who.id,
            csrf_token="csrf",
            expires_at=utcnow() + timedelta(hours=hours),
        )
    await set_presence(db, shift, who, "online")
    return who


async def ask(db: Database, content: Content, n: int) -> None:
    await service(db, content).receive(msg(n, "оператор", ConversationKey("test", f"c{n}")))


async def holders(db: Database) -> dict[int, int | None]:
    """Each open entry's operator, by entry id."""
    async with db.transaction() as s:
        rows = await s.scalars(
            select(Handoff).where(Handoff.status != "closed").order_by(Handoff.id)
        )
        return {h.id: h.operator_id for h in rows}


async def test_manual_mode_gives_nothing_away(db: Database, content: Content) -> None:
    await on_shift(db, "ann")
    await ask(db, content, 1)
    assert await assigner(db, content, OperatorsSettings()).fill() == 0
    assert list((await holders(db)).values()) == [None]


async def test_a_new_chat_goes_to_the_operator_with_the_fewest_open_chats(
    db: Database, content: Content
) -> None:
    shift = assigner(db, content)
    ann, bob = await on_shift(db, "ann"), await on_shift(db, "bob")
    await ask(db, content, 1)
    assert await shift.fill() == 1  # a tie: nobody had a chat yet, the lower id wins
    assert list((await holders(db)).values()) == [ann.id]
    await ask(db, content, 2)
    await shift.fill()
    assert sorted(v for v in (await holders(db)).values() if v) == [ann.id, bob.id]
    async with db.transaction() as s:
        told = [str(r.payload["text"]) for r in (await s.scalars(select(OutboxRow))).all()]
        actions = [a.action for a in await audit.recent(s)]
    assert sum("подключился" in t for t in told) == 2  # each user hears someone joined
    assert actions.count("assigned") == 2


async def test_nobody_is_given_a_chat_on_a_session_that_ran_out(
    db: Database, content: Content
) -> None:
    await on_shift(db, "ann", hours=-1)  # «online» left behind, never logged out
    await ask(db, content, 1)
    assert await assigner(db, content).fill() == 0


async def test_a_tie_goes_to_whoever_was_given_a_chat_longest_ago(
    db: Database, content: Content
) -> None:
    shift = assigner(db, content)
    ann = await on_shift(db, "ann")  # the lower id, but away for now
    await set_presence(db, None, ann, "away")
    bob = await on_shift(db, "bob")
    await ask(db, content, 1)
    await shift.fill()  # to Bob, the only one there
    await set_presence(db, None, ann, "online")
    await ask(db, content, 2)
    await shift.fill()  # to Ann, who had none
    await ask(db, content, 3)
    await shift.fill()  # one each: Bob was given his longer ago
    held = list((await holders(db)).values())
    assert held == [bob.id, ann.id, bob.id]


async def test_nobody_gets_more_than_the_limit_and_the_rest_wait(
    db: Database, content: Content
) -> None:
    shift = assigner(db, content)
    ann = await on_shift(db, "ann")
    for n in range(1, 5):
        await ask(db, content, n)
    assert await shift.fill() == 2
    held = list((await holders(db)).values())
    assert held.count(ann.id) == 2 and held.count(None) == 2
    assert await shift.fill() == 0


async def test_two_processes_filling_at_once_never_pass_the_limit(
    databases: DatabaseFactory, content: Content
) -> None:
    first = await databases.create()
    second = databases.open()
    await on_shift(first, "ann")
    for n in range(1, 7):
        await ask(first, content, n)
    await asyncio.gather(assigner(first, content).fill(), assigner(second, content).fill())
    held = [op for op in (await holders(first)).values() if op is not None]
    assert len(held) == 2


async def test_going_away_gives_the_chats_back_and_they_go_to_who_is_left(
    db: Database, content: Content
) -> None:
    shift = assigner(db, content)
    ann = await on_shift(db, "ann")
    for n in (1, 2):
        await ask(db, content, n)
    await shift.fill()
    bob = await on_shift(db, "bob", shift)  # coming on shift fills the queue too: nothing left
    await set_presence(db, shift, ann, "away")
    assert set((await holders(db)).values()) == {bob.id}
    async with db.transaction() as s:
        told = [str(r.payload["text"]) for r in (await s.scalars(select(OutboxRow))).all()]
        returned = [a.detail for a in await audit.recent(s) if a.action == "returned"]
        statuses = {c.status for c in (await s.scalars(select(Conversation))).all()}
    assert returned == ["away", "away"]
    assert sum("снова в очереди" in t for t in told) == 2
    assert statuses == {"with_operator"}


async def test_a_disabled_operators_chats_go_back_to_the_queue_in_manual_mode(
    db: Database, content: Content
) -> None:
    settings = OperatorsSettings()
    shift = assigner(db, content, settings)
    accounts = StaffService(db, settings, b"k")
    accounts.shift = shift
    ann = await on_shift(db, "ann")
    await ask(db, content, 1)
    (entry_id,) = (await holders(db)).keys()
    await Desk(db, lambda: content, publish=Recorder(), wake=lambda: None).claim(entry_id, ann)
    await accounts.disable("ann")
    assert await holders(db) == {entry_id: None}
    async with db.transaction() as s:
        conv = await s.scalar(select(Conversation))
        assert conv is not None and conv.status == "queued"
        assert [a.detail for a in await audit.recent(s) if a.action == "returned"] == ["disabled"]


async def test_the_shift_round_gives_back_the_chats_of_a_session_that_ran_out(
    db: Database, content: Content
) -> None:
    shift = assigner(db, content)
    ann = await on_shift(db, "ann")
    await ask(db, content, 1)
    await shift.fill()
    async with db.transaction() as s:  # Ann's browser closed; her session runs out
        session_row = await s.get(StaffSession, "session-ann")
        assert session_row is not None
        session_row.expires_at = utcnow() - timedelta(minutes=1)
    bob = await on_shift(db, "bob")
    assert await ShiftJob(shift).run_once() == 1
    assert list((await holders(db)).values()) == [bob.id]  # back, and on to Bob
    async with db.transaction() as s:
        user = await staff.by_id(s, user_id=ann.id)
        assert user is not None and user.presence == "away"
        returned = [a.detail for a in await audit.recent(s) if a.action == "returned"]
    assert returned == ["session_ended"]
    assert await ShiftJob(shift).run_once() == 0  # nothing more to do


async def test_the_shift_round_takes_back_what_a_failed_give_back_left(
    db: Database, content: Content
) -> None:
    ann = await on_shift(db, "ann")
    await ask(db, content, 1)
    await assigner(db, content).fill()
    await set_presence(db, None, ann, "away")  # as if giving back had failed just then
    assert list((await holders(db)).values()) == [ann.id]
    assert await ShiftJob(assigner(db, content, OperatorsSettings())).run_once() == 1
    assert list((await holders(db)).values()) == [None]
    async with db.transaction() as s:
        assert [a.detail for a in await audit.recent(s) if a.action == "returned"] == ["away"]
