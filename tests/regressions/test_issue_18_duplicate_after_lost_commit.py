"""Issue 18: a reply the platform had accepted was sent again when its lease ran out.

The database connection dropped after Telegram took the message and before "sent" was
committed; the row stayed `sending` for the 120 s lease, its chat stalled, and then it was
sent a second time (12 duplicates in the probe). Now the message id is kept in memory and the
"sent" update retried after short waits: one sendMessage, the chat moves on in seconds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from bot.channels.delivery.sender import Sender
from bot.services.outbox import OutboxService
from tests.channels.conftest import Running, expected_texts, report, settings_for, tally, tg_text
from tests.channels.fakes import FakeTelegram


class FailsFirstMarkSent(OutboxService):
    """The first "mark sent" commit fails, as a dropped connection makes it."""

    failed = 0

    async def sent(self, row_id: int, external_id: str | None) -> None:
        if not self.failed:
            self.failed += 1
            raise ConnectionError("connection lost after the platform accepted the reply")
        await super().sent(row_id, external_id)


async def test_a_failed_mark_sent_commit_leads_to_no_second_send_message(
    tmp_path: Any,
    fake_telegram: FakeTelegram,
    database_url: str,
    start: Callable[[Any], Awaitable[Running]],
) -> None:
    running = await start(settings_for(tmp_path, fake_telegram, database_url=database_url))
    await running.sapar.sender.stop()
    for n, text in enumerate(("Здравствуйте", "Сколько стоит патент?"), 1):
        assert (await running.telegram(tg_text(n, 9100, n, text))).status_code == 200
    outbox = FailsFirstMarkSent(running.sapar.db)
    sender = Sender(
        outbox,
        running.sapar.deliverers,
        running.sapar.settings.outbox,
        lease=timedelta(seconds=0.2),  # were the row left `sending`, it would be claimed again
    )
    sender.start()
    try:
        await running.settled()
    finally:
        await sender.stop()

    expected = await expected_texts(running, "telegram")
    lost, duplicated, disordered = tally(expected, fake_telegram.delivered)
    replies = sum(map(len, expected.values()))
    report(
        f"lost commit after accept: {replies} replies, {len(fake_telegram.of('sendMessage'))} "
        f"sendMessage → lost {lost}, duplicated {duplicated}, out of order {disordered}"
    )
    assert outbox.failed == 1
    assert (lost, duplicated, disordered) == (0, 0, 0)
    assert len(fake_telegram.of("sendMessage")) == replies
    assert await running.sapar.outbox.counts() == {"sent": replies}
