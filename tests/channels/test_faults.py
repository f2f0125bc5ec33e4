"""The platforms fail for a while (500, 429 with a wait, timeouts) and recover.

Every reply must then arrive exactly once and in order in its chat: counted against the
outbox (what Sapar decided to say), printed, and asserted to be zero lost, zero duplicated,
zero out of order.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.channels.delivery.sender import Sender
from bot.channels.delivery.settle import BookkeepingError
from bot.services.outbox import OutboxService
from tests.channels.conftest import (
    Running,
    expected_texts,
    report,
    settings_for,
    tally,
    tg_text,
    wa_text,
)
from tests.channels.fakes import FakeGraph, FakeTelegram

Start = Callable[[Any], Awaitable[Running]]
CHATS = 5
TURNS = 4
FAULTS = ["500", "500", "ok", "429", "timeout", "500", "ok", "timeout", "429", "500", "500"]
TEXTS = ["Здравствуйте", "Хочу работать в России", "Сколько стоит патент?", "Спасибо"]


async def test_telegram_failing_then_recovering_loses_and_repeats_nothing(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram))
    fake_telegram.fail_next(*FAULTS)
    update_id = 0
    for turn in range(TURNS):
        for chat in range(CHATS):
            update_id += 1
            update = tg_text(update_id, 9000 + chat, turn + 1, TEXTS[turn])
            assert (await running.telegram(update)).status_code == 200

    counts = await running.settled(timeout=60)
    expected = await expected_texts(running, "telegram")
    lost, duplicated, disordered = tally(expected, fake_telegram.delivered)

    report(
        f"telegram: {sum(map(len, expected.values()))} replies, {fake_telegram.failures} "
        f"platform failures → lost {lost}, duplicated {duplicated}, out of order {disordered}"
    )
    assert fake_telegram.failures == FAULTS.count("500") + 4  # every fault was met
    assert (lost, duplicated, disordered) == (0, 0, 0)
    assert counts == {"sent": sum(map(len, expected.values()))}
    assert len(expected) == CHATS and await running.inbound_count() == CHATS * TURNS


async def test_whatsapp_failing_then_recovering_loses_and_repeats_nothing(
    tmp_path: Path, fake_graph: FakeGraph, start: Start
) -> None:
    running = await start(settings_for(tmp_path, graph=fake_graph))
    fake_graph.fail_next(*FAULTS)
    for turn in range(TURNS):
        for chat in range(CHATS):
            payload = wa_text(f"99670000{chat:04d}", f"wamid.f{turn}.{chat}", TEXTS[turn])
            assert (await running.whatsapp(payload)).status_code == 200

    counts = await running.settled(timeout=60)
    expected = await expected_texts(running, "whatsapp")
    lost, duplicated, disordered = tally(expected, fake_graph.delivered)

    report(
        f"whatsapp: {sum(map(len, expected.values()))} replies, {fake_graph.failures} "
        f"platform failures → lost {lost}, duplicated {duplicated}, out of order {disordered}"
    )
    assert fake_graph.failures == FAULTS.count("500") + 4
    assert (lost, duplicated, disordered) == (0, 0, 0)
    assert counts == {"sent": sum(map(len, expected.values()))}
    assert len(expected) == CHATS and await running.inbound_count() == CHATS * TURNS


class DatabaseGone(OutboxService):
    """Marking a row sent fails until `back`: the platform took the reply, Sapar cannot say so."""

    back = False

    async def sent(self, row_id: int, external_id: str | None) -> None:
        if not self.back:
            raise ConnectionError("database went away after the platform accepted the reply")
        await super().sent(row_id, external_id)


async def test_the_remaining_window_a_restart_before_the_record_is_written_repeats_one_reply(
    tmp_path: Path, fake_telegram: FakeTelegram, start: Start
) -> None:
    """At-least-once, stated honestly: a sender that accepted a send and then stopped before
    the database took the record (its retries are in memory) leaves the row to be sent again."""
    running = await start(settings_for(tmp_path, fake_telegram))
    await running.sapar.sender.stop()
    assert (await running.telegram(tg_text(1, 9100, 1, "Здравствуйте"))).status_code == 200
    outbox = DatabaseGone(running.sapar.db)
    settings = running.sapar.settings.outbox
    lease = timedelta(seconds=0.2)

    async def no_wait(_: float) -> None:
        return None

    first = Sender(outbox, running.sapar.deliverers, settings, lease=lease, sleep=no_wait)
    with contextlib.suppress(BookkeepingError):
        await first.run_once()
    outbox.back = True
    restarted = Sender(outbox, running.sapar.deliverers, settings, lease=lease)  # memory gone
    restarted.start()
    await running.settled()
    await restarted.stop()

    expected = await expected_texts(running, "telegram")
    lost, duplicated, disordered = tally(expected, fake_telegram.delivered)
    report(
        f"accept-then-restart window: lost {lost}, duplicated {duplicated}, "
        f"out of order {disordered}"
    )
    assert (lost, duplicated, disordered) == (0, 1, 0)
