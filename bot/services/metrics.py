"""Sapar's Prometheus series, in a registry of its own (one per running app).

Counters and histograms count what this process did; the gauges of the outbox and the
hand-off queue are read from the database when /metrics is scraped, so every process
reports the same figures for them (take `max` across processes, `sum` for the rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from bot.storage import backlog as waiting
from bot.storage.database import Database

# A reply's fate after a try: `sent`; `failed` (any failed try); `dead` (given up).
DeliveryHook = Callable[[str, str], None]
OUTCOMES = ("sent", "failed", "dead")
# Engine steps take well under a millisecond for most messages, tens for a long offer.
STEP_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
WEBHOOK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def no_hook(channel: str, outcome: str) -> None:
    """The delivery hook of a sender without metrics."""


@dataclass(frozen=True, slots=True)
class Backlog:
    """What waits, read at scrape time: unsent replies and chats waiting for an operator."""

    outbox_depth: int
    outbox_oldest: datetime | None
    queue_length: int
    queue_oldest: datetime | None


class Metrics:
    """The instruments; `render` writes them in Prometheus' text format."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "sapar_updates_received", "Messages received from users", ["channel"], registry=r
        )
        self.replies = Counter(
            "sapar_replies",
            "Reply deliveries by outcome: sent, failed (a try failed), dead (given up)",
            ["channel", "outcome"],
            registry=r,
        )
        self.engine_step = Histogram(
            "sapar_engine_step_seconds",
            "One dialogue engine step",
            buckets=STEP_BUCKETS,
            registry=r,
        )
        self.webhook = Histogram(
            "sapar_webhook_seconds",
            "Handling one platform webhook call, until the response",
            ["channel"],
            buckets=WEBHOOK_BUCKETS,
            registry=r,
        )
        self.outbox_depth = Gauge(
            "sapar_outbox_depth", "Replies not yet sent (pending or being sent)", registry=r
        )
        self.outbox_age = Gauge(
            "sapar_outbox_oldest_pending_seconds", "Age of the oldest unsent reply", registry=r
        )
        self.queue_length = Gauge(
            "sapar_handoff_queue_length", "Chats waiting for an operator", registry=r
        )
        self.queue_age = Gauge(
            "sapar_handoff_oldest_waiting_seconds",
            "How long the longest-waiting chat has waited for an operator",
            registry=r,
        )

    def channels(self, names: Iterable[str]) -> None:
        """Start each channel's series at 0, so a scrape shows them before any traffic."""
        for name in names:
            self.updates.labels(name)
            for outcome in OUTCOMES:
                self.replies.labels(name, outcome)

    def received(self, channel: str) -> None:
        self.updates.labels(channel).inc()

    def delivered(self, channel: str, outcome: str) -> None:
        """The sender's DeliveryHook."""
        self.replies.labels(channel, outcome).inc()

    def webhook_seconds(self, channel: str, seconds: float) -> None:
        self.webhook.labels(channel).observe(seconds)

    def render(self, backlog: Backlog, now: datetime) -> bytes:
        """The text exposition, with the backlog gauges set from `backlog` as of `now`."""
        self.outbox_depth.set(backlog.outbox_depth)
        self.outbox_age.set(_age(backlog.outbox_oldest, now))
        self.queue_length.set(backlog.queue_length)
        self.queue_age.set(_age(backlog.queue_oldest, now))
        return generate_latest(self.registry)


def _age(since: datetime | None, now: datetime) -> float:
    return max(0.0, (now - since).total_seconds()) if since is not None else 0.0


async def backlog(db: Database) -> Backlog:
    """The waiting figures, read in one short transaction."""
    async with db.transaction() as session:
        depth, oldest = await waiting.unsent(session)
        length, longest = await waiting.queued(session)
    return Backlog(depth, oldest, length, longest)
