"""`Recently`: a key is remembered for its time, then forgotten; the oldest go first."""

from __future__ import annotations

from bot.services.recently import Recently


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_key_is_remembered_for_its_time_only() -> None:
    clock = Clock()
    recent = Recently(10, clock=clock)
    recent.add("a")
    clock.now = 9.9
    assert "a" in recent
    clock.now = 10.0
    assert "a" not in recent
    assert "b" not in recent


def test_adding_again_renews_and_the_oldest_go_past_the_size() -> None:
    clock = Clock()
    recent = Recently(10, size=2, clock=clock)
    recent.add("a")
    recent.add("b")
    recent.add("a")  # renewed: now the newest
    recent.add("c")
    assert "a" in recent and "c" in recent and "b" not in recent
