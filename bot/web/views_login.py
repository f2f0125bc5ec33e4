"""The one /login router: mounted under /console and under /admin (see `LoginRoom`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from bot.web import login as staff_login
from bot.web.deps import LoginRoomDep

router = APIRouter(include_in_schema=False)


@router.get("/login")
async def login_page(request: Request, room: LoginRoomDep) -> Response:
    return await staff_login.page_or_home(request, room.staff, room.settings, room.page(request))


@router.post("/login")
async def login(
    request: Request,
    room: LoginRoomDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    return await staff_login.log_in(
        request,
        room.staff,
        room.settings,
        room.page(request),
        username=username,
        password=password,
        csrf_token=csrf_token,
    )


@router.post("/logout")
async def logout(request: Request, room: LoginRoomDep) -> Response:
    return await staff_login.log_out(request, room.staff, room.settings, then=f"{room.path}/login")
