"""Logging in and out of the console (the shared flow is in bot.web.login)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from bot.console.state import ConsoleDep
from bot.web import login as staff_login

router = APIRouter(prefix="/console", include_in_schema=False)


def _page(request: Request, console: ConsoleDep) -> staff_login.FormPage:
    def render(token: str, error: str | None) -> Response:
        page: Response = console.page(request, "login.html", None, csrf_token=token, error=error)
        return page

    return render


@router.get("/login")
async def login_page(request: Request, console: ConsoleDep) -> Response:
    return await staff_login.page_or_home(
        request, console.staff, console.settings, _page(request, console)
    )


@router.post("/login")
async def login(
    request: Request,
    console: ConsoleDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    return await staff_login.log_in(
        request,
        console.staff,
        console.settings,
        _page(request, console),
        username=username,
        password=password,
        csrf_token=csrf_token,
    )


@router.post("/logout")
async def logout(request: Request, console: ConsoleDep) -> Response:
    return await staff_login.log_out(
        request, console.staff, console.settings, then="/console/login"
    )
