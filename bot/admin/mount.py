"""Mounting the content staff's admin at /admin: `install(app, sapar)` on the web app.

Install it after the console: it shares the console's staff accounts and sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from bot.admin import (
    views_answers,
    views_concepts,
    views_contacts,
    views_documents,
    views_indicators,
    views_lists,
    views_work,
)
from bot.admin.state import HERE, PATH, Admin, make_templates
from bot.services.content.canned import DOCUMENT as CANNED_DOCUMENT
from bot.services.content.canned import parse_canned
from bot.services.content.documents import languages_of
from bot.services.staff import LoginResult
from bot.web import views_login
from bot.web.login import LoginRoom

if TYPE_CHECKING:
    from bot.app import Sapar

__all__ = ["install"]


def install(app: FastAPI, sapar: Sapar) -> None:
    """Add the admin's routes and static files (nothing when content is not in the database)."""
    if sapar.live_content is None:
        return
    app.state.admin = Admin(
        settings=sapar.settings,
        staff=app.state.console.staff,
        live=sapar.live_content,
        templates=make_templates(),
    )
    sapar.live_content.listeners.append(lambda docs: _canned_to_console(app, docs))
    app.mount("/admin/static", StaticFiles(directory=HERE / "static"), name="admin-static")
    admin: Admin = app.state.admin
    app.state.login_rooms[PATH] = LoginRoom(
        PATH,
        admin.staff,
        sapar.settings,
        lambda request, token, error: admin.templates.TemplateResponse(
            request, "login.html", _login_page(admin, request, token, error)
        ),
    )
    app.include_router(views_login.router, prefix=PATH)
    modules = (
        views_answers,
        views_lists,
        views_indicators,
        views_concepts,
        views_documents,
        views_work,
        views_contacts,
    )
    for module in modules:
        app.include_router(module.router)


def _login_page(
    admin: Admin, request: Request, token: str, error: LoginResult | None
) -> dict[str, Any]:
    """The login page's values: its words, the form token and why the last login failed."""
    say = admin.words(request)
    said = None if error is None else say(f"login_{error}")
    return {"say": say, "csrf_token": token, "error": said}


def _canned_to_console(app: FastAPI, docs: dict[str, Any]) -> None:
    """The console's canned replies follow the published knowledge/canned_replies.yml."""
    replies = parse_canned(docs.get(CANNED_DOCUMENT), languages_of(docs))
    console = getattr(app.state, "console", None)
    if console is not None:
        console.canned = replies
