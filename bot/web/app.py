"""The FastAPI shell: mounts every room's routes, security middleware, health checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from bot.admin.mount import install as install_admin
from bot.channels.webchat import api as webchat
from bot.channels.webchat import pictures as webchat_pictures
from bot.console.mount import install as install_console
from bot.insights.contacts import install as install_contacts
from bot.insights.mount import install as install_insights
from bot.services.metrics import backlog
from bot.settings import Settings
from bot.web import metrics, refusals, webchat_page
from bot.web.access import RequestLog
from bot.web.hardening import Production
from bot.web.language import preferred_language
from bot.web.security import BodyLimit, SecurityHeaders

if TYPE_CHECKING:
    from bot.app import Sapar

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


def create_app(sapar: Sapar) -> FastAPI:
    """The web application around an already-built Sapar."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await sapar.start()
        try:
            yield
        finally:
            await sapar.stop()

    settings = sapar.settings
    app = FastAPI(title="Sapar", lifespan=lifespan, **_api_docs(settings))
    app.state.sapar = sapar
    refusals.install(app)
    _middleware(app, sapar, webhooks=_include_channels(app, sapar))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if settings.metrics.enabled:
        token = settings.metrics.token.get_secret_value() if settings.metrics.token else None
        metrics.install(app, sapar.metrics, lambda: backlog(sapar.db), token)
    install_console(app, sapar)
    install_admin(app, sapar)
    install_insights(app, sapar)
    install_contacts(app, sapar)  # /insights/contacts

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page(request: Request) -> Response:
        probe = Response()
        token = webchat.ensure_token(request, probe)
        language = await sapar.transcripts.language(webchat.chat_key(token))
        content = sapar.content.current
        header, languages = request.headers.get("accept-language", ""), content.languages
        language = language or preferred_language(header, languages.codes, languages.default)
        limit = sapar.settings.web.max_message_chars
        values = {
            "language": language,
            "texts": webchat_page.texts(content, language),
            "data": webchat_page.page_data(content, language, limit),
        }
        page = templates.TemplateResponse(request, "webchat.html", values)
        if "set-cookie" in probe.headers:
            page.headers.append("set-cookie", probe.headers["set-cookie"])
        page.headers["cache-control"] = "no-store"
        return page

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> Response:
        ready = await sapar.db.ping()
        body = {"status": "ok" if ready else "unavailable", "database": ready}
        return JSONResponse(body | _pictures(sapar), status_code=200 if ready else 503)

    return app


def _pictures(sapar: Sapar) -> dict[str, Any]:
    """Whether pictures are read: unread is a lesser service, not an unready one (still 200)."""
    pictures = sapar.pictures
    if pictures is not None and pictures.on:
        return {"pictures": "on"}
    return {"pictures": "off", "pictures_off": pictures.off_reason if pictures else "not built"}


def _api_docs(settings: Settings) -> dict[str, Any]:
    """/docs, /redoc and /openapi.json only when asked for, and never in production."""
    on = settings.web.api_docs and settings.app.environment != "production"
    return {
        "docs_url": "/docs" if on else None,
        "redoc_url": "/redoc" if on else None,
        "openapi_url": "/openapi.json" if on else None,
    }


def _include_channels(app: FastAPI, sapar: Sapar) -> dict[str, str]:
    """Add every channel's routes; returns the channels of their webhook paths."""
    webhooks: dict[str, str] = {}
    for channel in sapar.channels.values():  # wired once, in bot.app, from the registry
        router = channel.router()
        if router is not None:
            app.include_router(router)
            paths = (getattr(route, "path", "") for route in router.routes)
            webhooks |= {path: channel.name for path in paths if path.endswith("/webhook")}
    return webhooks


def _middleware(app: FastAPI, sapar: Sapar, *, webhooks: dict[str, str]) -> None:
    """Added innermost first: the request log sees every response, the 413s included."""
    settings = sapar.settings
    app.add_middleware(metrics.WebhookTimer, metrics=sapar.metrics, paths=webhooks)
    app.add_middleware(SecurityHeaders)
    # The web chat's picture upload limits its body itself (pictures.max_bytes), to reply.
    own = frozenset({webchat_pictures.PATH})
    app.add_middleware(BodyLimit, max_bytes=settings.web.max_body_bytes, own_limit=own)
    if settings.app.environment == "production":
        app.add_middleware(Production, hsts_seconds=settings.web.hsts_seconds)
    app.add_middleware(RequestLog, access=settings.log.access)
