"""Request ids and the access log, as plain ASGI middleware.

Each request gets an id: the `X-Request-ID` a proxy sent (when it looks like one) or a new
one. It is on every log line written while serving the request and in the response header,
so one line of a proxy's log leads to Sapar's. The access line has the path without its
query string (WhatsApp's verification sends its token there) and never the client address.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.logs import REQUEST_ID

log = logging.getLogger("bot.web.access")
HEADER = b"x-request-id"
_USABLE = re.compile(rb"[A-Za-z0-9._:-]{8,128}")


def request_id(scope: Scope) -> str:
    """The proxy's id for this request if it is a plain token, else a new random one."""
    given = dict(scope.get("headers", [])).get(HEADER, b"")
    return given.decode() if _USABLE.fullmatch(given) else uuid.uuid4().hex


class RequestLog:
    """Sets the request id for the request's log lines, returns it, logs one access line."""

    def __init__(self, app: ASGIApp, *, access: bool = True) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            status = status or 500  # Starlette's error page is sent outside this middleware
            raise
        finally:
            if self.access:
                ms = round((time.perf_counter() - started) * 1000, 1)
                method, path = scope["method"], scope["path"]
                log.info(
                    "%s %s %s %.1f ms",
                    method,
                    path,
                    status,
                    ms,
                    extra={"method": method, "path": path, "status": status, "duration_ms": ms},
                )
            REQUEST_ID.reset(token)
