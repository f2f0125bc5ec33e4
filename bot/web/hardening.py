"""Production's extra protection, as plain ASGI middleware: HSTS and Secure cookies.

In production Sapar runs behind a TLS proxy and sees plain HTTP, so it cannot tell from the
request that the browser used HTTPS; `app.environment = production` says so. Then every
response carries Strict-Transport-Security, and every cookie any room sets (staff sessions,
the login form's, the web chat's) is marked Secure, so a browser never sends one over HTTP.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = b"strict-transport-security"
SET_COOKIE = b"set-cookie"


def secure_cookie(value: bytes) -> bytes:
    """A Set-Cookie value with the Secure attribute (unchanged when it has one)."""
    attributes = [part.strip().lower() for part in value.split(b";")[1:]]
    return value if b"secure" in attributes else value + b"; Secure"


class Production:
    """Adds HSTS for `hsts_seconds` (none when 0) and makes every cookie Secure."""

    def __init__(self, app: ASGIApp, *, hsts_seconds: int) -> None:
        self.app = app
        self.hsts = f"max-age={hsts_seconds}".encode() if hsts_seconds > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, secure_cookie(value) if name == SET_COOKIE else value)
                    for name, value in message.get("headers", [])
                ]
                if self.hsts is not None and all(name != HSTS for name, _ in headers):
                    headers.append((HSTS, self.hsts))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_hardened)
