"""What every channel's sending side looks like to the outbox sender."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from bot.types import Reply


class DeliveryError(Exception):
    """A send failed. `retry_after` is the platform's own wait; `permanent` means never retry."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Deliverer(Protocol):
    """Sends one reply to one chat on one platform."""

    channel: str

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        """Send and return the platform's message id, if it gives one.

        Raises:
            DeliveryError: on any failure, saying whether and when to retry.
        """
        ...


@runtime_checkable
class PartedDeliverer(Protocol):
    """A deliverer that sends some replies as several platform messages."""

    def parts(self, reply: Reply) -> Sequence[Reply]:
        """The messages `reply` is sent as, in order (one for most replies)."""
        ...
