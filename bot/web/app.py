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
from bot.console.mount import install as install_console
from bot.web import refusals, webchat_page
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

    app = FastAPI(title="Sapar", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.sapar = sapar
    refusals.install(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=sapar.settings.web.max_body_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for channel in sapar.channels.values():  # wired once, in bot.app, from the registry
        router = channel.router()
        if router is not None:
            app.include_router(router)
    install_console(app, sapar)
    install_admin(app, sapar)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page(request: Request) -> Response:
        probe = Response()
        token = webchat.ensure_token(request, probe)
        language = await sapar.transcripts.language(webchat.chat_key(token))
        language = language or _preferred_language(request.headers.get("accept-language", ""))
        content = sapar.content.current
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
        body: dict[str, Any] = {"status": "ok" if ready else "unavailable", "database": ready}
        return JSONResponse(body, status_code=200 if ready else 503)

    return app


def _preferred_language(accept_language: str) -> str:
    """Russian for a browser that asks for it before Kyrgyz, Kyrgyz otherwise."""
    for part in accept_language.lower().split(","):
        tag = part.split(";")[0].strip()[:2]
        if tag in ("ky", "ru"):
            return tag
    return "ky"
