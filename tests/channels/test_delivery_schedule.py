"""Back-off and give-up times: hours of tries, WhatsApp's window, the platform's own wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.channels.delivery.schedule import backoff, give_up_at
from bot.settings import OutboxSettings, load_settings

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SETTINGS = OutboxSettings(base_delay_seconds=1.0, max_delay_seconds=300.0)


def test_back_off_doubles_then_stops_at_the_cap() -> None:
    ceilings = [backoff(n, SETTINGS, None, rand=1.0) for n in (1, 2, 3, 9, 10, 400, 100_000)]
    assert ceilings == [1.0, 2.0, 4.0, 256.0, 300.0, 300.0, 300.0]


def test_back_off_jitter_keeps_half_the_wait_fixed() -> None:
    assert backoff(10, SETTINGS, None, rand=0.0) == 150.0
    assert backoff(10, SETTINGS, None, rand=0.5) == 225.0


def test_the_platforms_wait_wins_even_above_the_cap() -> None:
    assert backoff(1, SETTINGS, retry_after=30.0, rand=0.0) == 30.0
    assert backoff(1, SETTINGS, retry_after=900.0, rand=1.0) == 900.0


def test_telegram_is_tried_for_the_configured_hours_from_when_tries_started() -> None:
    last_inbound = T0 - timedelta(hours=30)  # no window on Telegram: it does not count
    assert give_up_at(
        "telegram", tries_since=T0, last_inbound_at=last_inbound, settings=SETTINGS
    ) == T0 + timedelta(hours=24)
    longer = OutboxSettings(give_up_after_hours=72)
    assert give_up_at(
        "telegram", tries_since=T0, last_inbound_at=None, settings=longer
    ) == T0 + timedelta(hours=72)


def test_whatsapp_is_tried_until_its_window_from_the_users_last_message_closes() -> None:
    last_inbound = T0 - timedelta(hours=20)
    assert give_up_at(
        "whatsapp", tries_since=T0, last_inbound_at=last_inbound, settings=SETTINGS
    ) == T0 + timedelta(hours=4)


def test_whatsapp_without_a_known_last_message_gets_24_hours() -> None:
    longer = OutboxSettings(give_up_after_hours=72)  # the window is WhatsApp's, not ours
    assert give_up_at(
        "whatsapp", tries_since=T0, last_inbound_at=None, settings=longer
    ) == T0 + timedelta(hours=24)


def test_the_schedule_is_read_from_config_yml() -> None:
    outbox = load_settings(Path(__file__).resolve().parents[2] / "config.yml").outbox
    assert outbox.give_up_after_hours >= 24
    assert outbox.max_attempts is None  # time, not a count, decides by default
    assert outbox.settle_retry_seconds and sum(outbox.settle_retry_seconds) < 30
