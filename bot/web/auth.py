"""Who is asking, and may they: staff sessions and role checks for console routes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request

from bot.services.staff import Staff, StaffService
from bot.web import csrf
from bot.web.sessions import COOKIE

LOGIN_PATH = "/console/login"
OPERATOR_ROLES = ("operator", "admin")
ADMIN_ROLES = ("admin",)
MANAGER_ROLES = ("manager", "admin")


def home_for(role: str) -> str:
    """Where a staff member starts: editors edit content, managers read the programme's
    figures, everyone else answers chats."""
    return {"editor": "/admin", "manager": "/insights"}.get(role, "/console")


class NotLoggedIn(HTTPException):
    """No live session: a page request is sent to the login form, anything else gets 401."""

    def __init__(self, redirect: bool) -> None:
        if redirect:
            super().__init__(303, "log in first", headers={"location": LOGIN_PATH})
        else:
            super().__init__(401, "log in first")


async def current_staff(request: Request, service: StaffService) -> Staff | None:
    """The staff member of this request's session cookie, if any."""
    token = request.cookies.get(COOKIE)
    if not token or len(token) > 100:
        return None
    return await service.resolve(token)


def require(
    service: Callable[[Request], StaffService], *roles: str
) -> Callable[[Request], Awaitable[Staff]]:
    """A dependency: a logged-in staff member with one of `roles`, CSRF-checked on writes."""

    async def dependency(request: Request) -> Staff:
        who = await current_staff(request, service(request))
        if who is None:
            wants_page = request.method == "GET" and "text/html" in request.headers.get(
                "accept", ""
            )
            raise NotLoggedIn(redirect=wants_page)
        if who.role not in roles:
            raise HTTPException(403, "your role may not do this")
        await csrf.verify(request, who.csrf_token)
        return who

    return dependency
