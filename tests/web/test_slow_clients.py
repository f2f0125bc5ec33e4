"""Read deadlines: a client too slow with its headers or body is disconnected.

No clock runs here: the protocol's timers go to a recording loop, and the test fires them.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from bot.web.slow_clients import DeadlineH11Protocol, with_deadlines


class Timer:
    def __init__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delay, self.callback, self.cancelled = delay, callback, False

    def cancel(self) -> None:
        self.cancelled = True


class RecordingLoop:
    """Keeps every timer instead of running it; the app's tasks are not run at all."""

    def __init__(self) -> None:
        self.timers: list[Timer] = []

    def call_later(self, delay: float, callback: Callable[..., None], *args: Any) -> Timer:
        timer = Timer(delay, lambda: callback(*args))
        self.timers.append(timer)
        return timer

    def create_task(self, coro: Coroutine[Any, Any, Any], **_: Any) -> Any:
        coro.close()  # the app is not under test here
        return _Task()

    def live(self) -> list[Timer]:
        return [t for t in self.timers if not t.cancelled]


class _Task:
    def add_done_callback(self, callback: Callable[[Any], None]) -> None:
        return None


class Transport:
    def __init__(self) -> None:
        self.closed = False
        self.written = b""

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def write(self, data: bytes) -> None:
        self.written += data

    def pause_reading(self) -> None: ...

    def resume_reading(self) -> None: ...


async def _app(scope: Any, receive: Any, send: Any) -> None: ...


@pytest.fixture
def connection() -> tuple[DeadlineH11Protocol, RecordingLoop, Transport]:
    config = Config(app=_app, log_config=None, lifespan="off")
    loop = RecordingLoop()
    protocol = with_deadlines(4.0, 9.0)(config, ServerState(), {}, _loop=loop)  # type: ignore[arg-type]  # a recording loop
    transport = Transport()
    protocol.connection_made(transport)  # type: ignore[arg-type]  # a fake transport
    return protocol, loop, transport


def fire(loop: RecordingLoop) -> float:
    (timer,) = loop.live()
    timer.callback()
    return timer.delay


def test_headers_that_never_end_close_the_connection(
    connection: tuple[DeadlineH11Protocol, RecordingLoop, Transport],
) -> None:
    protocol, loop, transport = connection
    protocol.data_received(b"POST /webchat/api/messages HTTP/1.1\r\nHost: x\r\n")
    protocol.data_received(b"X-Slow: 1\r\n")  # a byte now and then does not buy more time
    assert len(loop.live()) == 1 and not transport.closed
    assert fire(loop) == 4.0
    assert transport.closed


def test_a_body_that_never_ends_closes_the_connection(
    connection: tuple[DeadlineH11Protocol, RecordingLoop, Transport],
) -> None:
    protocol, loop, transport = connection
    protocol.data_received(b"POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
    assert fire(loop) == 9.0  # the headers' deadline went, the body's came
    assert transport.closed


def test_a_whole_request_has_no_deadline_while_the_app_answers(
    connection: tuple[DeadlineH11Protocol, RecordingLoop, Transport],
) -> None:
    protocol, loop, transport = connection
    protocol.data_received(b"GET /webchat/api/updates HTTP/1.1\r\nHost: x\r\n\r\n")
    assert loop.live() == []  # a long poll may take as long as it needs
    assert not transport.closed
