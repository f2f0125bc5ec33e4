"""Staff login and logout, shared by the console's and the admin's login pages."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.services.staff import LoginResult, StaffService
from bot.settings import Settings
from bot.web import csrf
from bot.web.auth import current_staff, home_for
from bot.web.sessions import COOKIE, clear_cookie, set_cookie

FORM_COOKIE = "sapar_login_csrf"  # double-submit token for the login form (no session yet)
# Renders the login page with a form token and why the last login failed (or None); each room
# says the result in its own words (console_login_<result>, admin_login_<result>).
FormPage = Callable[[str, LoginResult | None], Response]


def form(
    request: Request, settings: Settings, page: FormPage, error: LoginResult | None
) -> Response:
    """The login page with a fresh form token; 401 when it repeats a failed login."""
    token = secrets.token_urlsafe(32)
    response = page(token, error)
    response.headers["cache-control"] = "no-store"
    if error is not None:
        response.status_code = 401
    set_cookie(response, request, settings, FORM_COOKIE, token, max_age=3600)
    return response


async def page_or_home(
    request: Request, staff: StaffService, settings: Settings, page: FormPage
) -> Response:
    """GET of a login page: a logged-in member goes to their room, others see the form."""
    who = await current_staff(request, staff)
    if who is not None:
        return RedirectResponse(home_for(who.role), status_code=303)
    return form(request, settings, page, None)


async def log_in(
    request: Request,
    staff: StaffService,
    settings: Settings,
    page: FormPage,
    *,
    username: str,
    password: str,
    csrf_token: str,
) -> Response:
    """Check the form, the origin and the password; a session cookie and the member's room."""
    expected = request.cookies.get(FORM_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        raise HTTPException(403, "CSRF token missing or wrong; reload the login page")
    if not csrf.same_origin(request):
        raise HTTPException(403, "cross-site request refused")
    address = request.client.host if request.client else "unknown"
    result, token = await staff.login(username.strip(), password, address)
    if result is not LoginResult.OK or token is None:
        return form(request, settings, page, result)
    who = await staff.resolve(token)
    response = RedirectResponse(home_for(who.role if who else "operator"), status_code=303)
    max_age = int(settings.operators.session_hours * 3600)
    set_cookie(response, request, settings, COOKIE, token, max_age=max_age)
    clear_cookie(response, request, settings, FORM_COOKIE)
    return response


async def log_out(
    request: Request, staff: StaffService, settings: Settings, *, then: str
) -> Response:
    """End the session (CSRF-checked) and go to `then`."""
    who = await current_staff(request, staff)
    if who is not None:
        await csrf.verify(request, who.csrf_token)
        await staff.logout(who)
    response = RedirectResponse(then, status_code=303)
    clear_cookie(response, request, settings, COOKIE)
    return response


@dataclass(frozen=True, slots=True)
class LoginRoom:
    """A room with a login page: where it is mounted and how it draws the form."""

    path: str  # "/console" or "/admin": the router is mounted under it
    staff: StaffService
    settings: Settings
    render: Callable[[Request, str, LoginResult | None], Response]  # request, token, error

    def page(self, request: Request) -> FormPage:
        return lambda token, error: self.render(request, token, error)
