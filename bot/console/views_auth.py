"""Logging in and out of the console."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.console.state import ConsoleDep
from bot.services.staff import LoginResult
from bot.web import csrf
from bot.web.auth import current_staff, home_for
from bot.web.sessions import COOKIE, clear_cookie, set_cookie

router = APIRouter(prefix="/console", include_in_schema=False)
LOGIN_COOKIE = "sapar_login_csrf"  # double-submit token for the login form (no session yet)
LOGIN_ERRORS = {
    LoginResult.BAD: "Неверное имя или пароль.",
    LoginResult.THROTTLED: "Слишком много неудачных попыток. Попробуйте позже.",
}


@router.get("/login")
async def login_page(request: Request, console: ConsoleDep) -> Response:
    who = await current_staff(request, console.staff)
    if who is not None:
        return RedirectResponse(home_for(who.role), status_code=303)
    return _login_form(request, console, error=None)


def _login_form(request: Request, console: ConsoleDep, error: str | None) -> Response:
    token = secrets.token_urlsafe(32)
    page: Response = console.page(request, "login.html", None, csrf_token=token, error=error)
    if error is not None:
        page.status_code = 401
    set_cookie(page, request, console.settings, LOGIN_COOKIE, token, max_age=3600)
    return page


@router.post("/login")
async def login(
    request: Request,
    console: ConsoleDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        raise HTTPException(403, "CSRF token missing or wrong; reload the login page")
    if not csrf.same_origin(request):
        raise HTTPException(403, "cross-site request refused")
    address = request.client.host if request.client else "unknown"
    result, token = await console.staff.login(username.strip(), password, address)
    if result is not LoginResult.OK or token is None:
        return _login_form(request, console, LOGIN_ERRORS[result])
    who = await console.staff.resolve(token)
    response = RedirectResponse(home_for(who.role if who else "operator"), status_code=303)
    hours = console.settings.operators.session_hours
    set_cookie(response, request, console.settings, COOKIE, token, max_age=int(hours * 3600))
    clear_cookie(response, request, console.settings, LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, console: ConsoleDep) -> Response:
    who = await current_staff(request, console.staff)
    if who is not None:
        await csrf.verify(request, who.csrf_token)
        await console.staff.logout(who)
    response = RedirectResponse("/console/login", status_code=303)
    clear_cookie(response, request, console.settings, COOKIE)
    return response
