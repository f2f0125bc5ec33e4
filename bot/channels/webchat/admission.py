"""How many new web-chat conversations one address may open: a per-process rate limit.

A generic cell rate algorithm: each address has a "theoretical arrival time" that moves one
interval (window / limit) ahead per new chat; a burst of `limit` chats is allowed, then one
per interval. One number per address, forgotten once it lies in the past, so a flood from
many addresses costs memory only while each address is still limited.

Per process: behind a load balancer with several processes an address may open up to
`limit` new chats in each of them (a shared counter would cost a database write per chat).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

PRUNE_ABOVE = 10_000  # addresses remembered before the ones no longer limited are dropped


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a new chat may start now, and if not, in how many whole seconds."""

    allowed: bool
    retry_after: int = 0


class NewChatLimit:
    """At most `limit` new chats per `window_seconds` from one address (a burst, then a rate)."""

    def __init__(
        self,
        limit: int,
        window_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self.interval = window_seconds / limit
        self._clock = clock
        self._next: dict[str, float] = {}  # address -> theoretical arrival time

    def admit(self, address: str) -> Verdict:
        """Count a new chat from `address` if it is allowed now."""
        now = self._clock()
        arrival = max(self._next.get(address, now), now) + self.interval
        if arrival - now > self.window + 1e-9:
            wait = arrival - now - self.window
            return Verdict(False, max(1, math.ceil(wait)))
        self._next[address] = arrival
        if len(self._next) > PRUNE_ABOVE:
            self._prune(now)
        return Verdict(True)

    def _prune(self, now: float) -> None:
        self._next = {a: t for a, t in self._next.items() if t > now}
