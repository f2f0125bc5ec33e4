"""Every `Annotated` FastAPI dependency of the staff rooms, in one place.

The rooms' parts live on `app.state` (built once by their `install`); these look them up per
request and check who is asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from bot.admin.state import EDITOR_ROLES, Admin
from bot.admin.state import PATH as ADMIN_PATH
from bot.console.state import Console
from bot.insights.state import InsightsRoom
from bot.services.contact_checks import ContactChecks
from bot.services.staff import Staff, StaffService
from bot.web.auth import ADMIN_ROLES, MANAGER_ROLES, OPERATOR_ROLES, NotLoggedIn, require
from bot.web.login import LoginRoom


def console(request: Request) -> Console:
    found: Console = request.app.state.console
    return found


def admin(request: Request) -> Admin:
    found: Admin = request.app.state.admin
    return found


def insights(request: Request) -> InsightsRoom:
    found: InsightsRoom = request.app.state.insights
    return found


@dataclass(frozen=True, slots=True)
class InsightsQuery:
    """The filters an /insights request typed, as typed (the room reads and checks them)."""

    start: str | None = None
    end: str | None = None
    channel: str | None = None
    language: str | None = None
    country: str | None = None


_Typed = Annotated[str | None, Query(max_length=32)]


def insights_query(
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    channel: _Typed = None,
    language: _Typed = None,
    country: _Typed = None,
) -> InsightsQuery:
    return InsightsQuery(start, end, channel, language, country)


def staff_service(request: Request) -> StaffService:
    """The staff accounts and sessions, shared by the console and the admin."""
    return console(request).staff


def login_room(request: Request) -> LoginRoom:
    """The room whose /login this is: the console's or the admin's (same router, two mounts)."""
    mounted_at = request.url.path.rsplit("/", 1)[0]  # "/console" of "/console/login"
    rooms: dict[str, LoginRoom] = request.app.state.login_rooms
    for path, room in rooms.items():
        if mounted_at.endswith(path):  # behind a proxy the path may start with its root
            return room
    raise HTTPException(404)


def contact_checks(request: Request) -> ContactChecks | None:
    """Reported contacts' checks and marks; None when the feature is off (no key)."""
    found: ContactChecks | None = getattr(request.app.state, "contact_checks", None)
    return found


_editor = require(staff_service, *EDITOR_ROLES)


async def editor(request: Request) -> Staff:
    """An editor or admin (CSRF-checked on writes); a page request without a session logs in."""
    try:
        return await _editor(request)
    except NotLoggedIn as exc:
        if exc.status_code == 303:
            raise HTTPException(
                303, "log in first", headers={"location": f"{ADMIN_PATH}/login"}
            ) from None
        raise


ConsoleDep = Annotated[Console, Depends(console)]
Operator = Annotated[Staff, Depends(require(staff_service, *OPERATOR_ROLES))]
ConsoleAdmin = Annotated[Staff, Depends(require(staff_service, *ADMIN_ROLES))]
Manager = Annotated[Staff, Depends(require(staff_service, *MANAGER_ROLES))]
AdminDep = Annotated[Admin, Depends(admin)]
InsightsDep = Annotated[InsightsRoom, Depends(insights)]
InsightsAsked = Annotated[InsightsQuery, Depends(insights_query)]
Editor = Annotated[Staff, Depends(editor)]
ContactChecksDep = Annotated[ContactChecks | None, Depends(contact_checks)]
LoginRoomDep = Annotated[LoginRoom, Depends(login_room)]
