"""Logging in and out at /admin: the same accounts, sessions and cookie as the console."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.state import PATH, AdminDep
from bot.services.staff import LoginResult
from bot.web import csrf
from bot.web.auth import current_staff, home_for
from bot.web.sessions import COOKIE, secure
from bot.web.sessions import PATH as COOKIE_PATH

router = APIRouter(prefix="/admin", include_in_schema=False)
LOGIN_COOKIE = "sapar_admin_login_csrf"  # double-submit token for the login form
ERRORS = {
    LoginResult.BAD: "Неверное имя или пароль.",
    LoginResult.THROTTLED: "Слишком много неудачных попыток. Попробуйте позже.",
}


def _cookie(response: Response, request: Request, admin: AdminDep, name: str, value: str | None,
            max_age: int = 0) -> None:  # fmt: skip
    safe = secure(request, admin.settings)
    if value is None:
        response.delete_cookie(
            name, path=COOKIE_PATH, httponly=True, samesite="strict", secure=safe
        )
        return
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=safe,
    )


@router.get("/login")
async def login_page(request: Request, admin: AdminDep) -> Response:
    who = await current_staff(request, admin.staff)
    if who is not None:
        return RedirectResponse(home_for(who.role), status_code=303)
    return _form(request, admin, error=None)


def _form(request: Request, admin: AdminDep, error: str | None) -> Response:
    token = secrets.token_urlsafe(32)
    page: Response = admin.templates.TemplateResponse(
        request, "login.html", {"csrf_token": token, "error": error}
    )
    page.headers["cache-control"] = "no-store"
    if error is not None:
        page.status_code = 401
    _cookie(page, request, admin, LOGIN_COOKIE, token, max_age=3600)
    return page


@router.post("/login")
async def login(
    request: Request,
    admin: AdminDep,
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
    result, token = await admin.staff.login(username.strip(), password, address)
    if result is not LoginResult.OK or token is None:
        return _form(request, admin, ERRORS[result])
    who = await admin.staff.resolve(token)
    response = RedirectResponse(home_for(who.role if who else "editor"), status_code=303)
    hours = admin.settings.operators.session_hours
    _cookie(response, request, admin, COOKIE, token, max_age=int(hours * 3600))
    _cookie(response, request, admin, LOGIN_COOKIE, None)
    return response


@router.post("/logout")
async def logout(request: Request, admin: AdminDep) -> Response:
    who = await current_staff(request, admin.staff)
    if who is not None:
        await csrf.verify(request, who.csrf_token)
        await admin.staff.logout(who)
    response = RedirectResponse(f"{PATH}/login", status_code=303)
    _cookie(response, request, admin, COOKIE, None)
    return response
