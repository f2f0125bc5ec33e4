"""Keys remembered for a while: an answer that only becomes stale slowly, kept off the database."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class Recently:
    """Keys added within the last `seconds`, at most `size` of them (the oldest go first)."""

    def __init__(
        self, seconds: float, size: int = 100_000, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._until: OrderedDict[Hashable, float] = OrderedDict()

    def __contains__(self, key: Hashable) -> bool:
        until = self._until.get(key)
        if until is None:
            return False
        if until <= self.clock():
            del self._until[key]
            return False
        return True

    def add(self, key: Hashable) -> None:
        self._until[key] = self.clock() + self.seconds
        self._until.move_to_end(key)
        while len(self._until) > self.size:
            self._until.popitem(last=False)
