"""Dead replies for operators: "send again" requeues and audits in one go, or does nothing."""

from __future__ import annotations

from bot.services.operators.dead_replies import ACTION, DeadReplies
from bot.services.outbox import OutboxService
from bot.storage import audit, conversations, outbox
from bot.storage.database import Database
from bot.types import ConversationKey, Reply
from tests.services.test_handoff import person


async def dead_row(db: Database, chat: str) -> tuple[int, int]:
    async with db.transaction() as s:
        conv = await conversations.lock_conversation(s, key=ConversationKey("telegram", chat))
        row = await outbox.enqueue(
            s, conversation_id=conv.id, channel="telegram", chat_id=chat,
            payload=Reply("Саламатсызбы").to_dict(),
        )  # fmt: skip
        await s.flush()
        await outbox.mark_failed(s, row_id=row.id, error="403 blocked", retry_at=None)
        return row.id, conv.id


async def test_send_again_requeues_wakes_the_sender_and_writes_who(db: Database) -> None:
    wakes: list[None] = []
    dead = DeadReplies(db, wake=lambda: wakes.append(None))
    row_id, conversation_id = await dead_row(db, "501")
    olga = await person(db, "olga")

    assert [r.row_id for r in await dead.newest()] == [row_id] and await dead.total() == 1
    assert await dead.send_again(row_id, olga)
    assert await OutboxService(db).counts() == {"pending": 1}
    assert len(wakes) == 1
    async with db.transaction() as s:
        entries = [e for e in await audit.recent(s) if e.action == ACTION]
    assert [(e.username, e.conversation_id) for e in entries] == [("olga", conversation_id)]


async def test_a_reply_that_is_not_dead_is_left_alone_and_nothing_is_written(
    db: Database,
) -> None:
    wakes: list[None] = []
    dead = DeadReplies(db, wake=lambda: wakes.append(None))
    row_id, _ = await dead_row(db, "502")
    olga = await person(db, "olga")
    assert await dead.send_again(row_id, olga)
    assert not await dead.send_again(row_id, olga)  # pending now
    assert not await dead.send_again(row_id + 100, olga)  # no such row
    async with db.transaction() as s:
        assert len([e for e in await audit.recent(s) if e.action == ACTION]) == 1
    assert len(wakes) == 1
