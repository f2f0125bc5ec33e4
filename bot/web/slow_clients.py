"""uvicorn's HTTP/1.1 protocol with read deadlines, so slow clients cannot hold connections.

uvicorn times out only an idle keep-alive connection: a client that opens a connection and
sends a header byte every few seconds (or a body that never ends) is held forever, and a
thousand of them use up a process. Here each request must arrive in two deadlines: its
request line and headers within `header_timeout`, then its body within `body_timeout`.
A client that misses one is disconnected (the app, if it already runs, sees a disconnect).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol whose request headers and body must arrive before their deadlines."""

    header_timeout: float = 10.0  # set per server by `with_deadlines`
    body_timeout: float = 30.0

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._deadline: asyncio.TimerHandle | None = None
        self._reading: object = None  # h11.IDLE: the headers; h11.SEND_BODY: the body

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # uvicorn's own signature
        super().connection_made(transport)
        self._track()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._track()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Between requests uvicorn's keep-alive timeout applies; a new deadline starts
        # with the next request's first byte.
        self._cancel()

    def _track(self) -> None:
        """Arm the deadline for what the client still has to send, or none when done."""
        state = self.conn.their_state
        if state is h11.IDLE and (self.cycle is None or self.cycle.response_complete):
            waiting: object = h11.IDLE
        elif state is h11.SEND_BODY:
            waiting = h11.SEND_BODY
        else:
            waiting = None
        if waiting is self._reading:
            return
        self._cancel()
        self._reading = waiting
        if waiting is not None:
            timeout = self.header_timeout if waiting is h11.IDLE else self.body_timeout
            self._deadline = self.loop.call_later(timeout, self._too_slow)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._reading = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            phase = "headers" if self._reading is h11.IDLE else "body"
            self.logger.info("closing a connection whose request %s were too slow", phase)
            self.transport.close()


def with_deadlines(header_timeout: float, body_timeout: float) -> type[DeadlineH11Protocol]:
    """The protocol class for one server, with its deadlines (uvicorn takes a class)."""
    return type(
        "ConfiguredDeadlineH11Protocol",
        (DeadlineH11Protocol,),
        {"header_timeout": header_timeout, "body_timeout": body_timeout},
    )
