"""`GET /metrics` for Prometheus, and the webhook latency it reports.

Who may scrape: with `metrics.token` set, whoever sends `Authorization: Bearer <token>`;
without one, only a client on this machine (loopback) that did not come through a proxy,
so a reverse proxy in front of Sapar never exposes it by accident.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Awaitable, Callable, Mapping

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.clock import utcnow
from bot.services.metrics import Backlog, Metrics

PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def refusal(request: Request, token: str | None) -> int | None:
    """The status to refuse this scrape with (401 or 403), or None when it may scrape."""
    if token:
        given = request.headers.get("authorization", "").encode()
        return None if hmac.compare_digest(given, f"Bearer {token}".encode()) else 401
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    proxied = any(name in request.headers for name in PROXY_HEADERS)
    return None if local and not proxied else 403


def install(
    app: FastAPI, metrics: Metrics, read: Callable[[], Awaitable[Backlog]], token: str | None
) -> None:
    """Add `GET /metrics`; `read` gives the backlog gauges' figures at each scrape."""

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        refused = refusal(request, token)
        if refused is not None:
            headers = {"www-authenticate": "Bearer"} if refused == 401 else None
            return Response(status_code=refused, headers=headers)
        body = metrics.render(await read(), utcnow())
        return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"cache-control": "no-store"})


class WebhookTimer:
    """Observes how long each platform webhook POST took, by channel, until its response."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, paths: Mapping[str, str]) -> None:
        self.app = app
        self.metrics = metrics
        self.paths = dict(paths)  # webhook path -> channel

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        channel = self.paths.get(scope.get("path", "")) if scope["type"] == "http" else None
        if channel is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.metrics.webhook_seconds(channel, time.perf_counter() - started)

        await self.app(scope, receive, timed)
