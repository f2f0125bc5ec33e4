"""Logging in and out at /admin: the console's accounts, sessions and login flow."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from bot.admin.state import PATH, AdminDep
from bot.web import login as staff_login

router = APIRouter(prefix="/admin", include_in_schema=False)


def _page(request: Request, admin: AdminDep) -> staff_login.FormPage:
    def render(token: str, error: str | None) -> Response:
        page: Response = admin.templates.TemplateResponse(
            request, "login.html", {"csrf_token": token, "error": error}
        )
        return page

    return render


@router.get("/login")
async def login_page(request: Request, admin: AdminDep) -> Response:
    return await staff_login.page_or_home(
        request, admin.staff, admin.settings, _page(request, admin)
    )


@router.post("/login")
async def login(
    request: Request,
    admin: AdminDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    return await staff_login.log_in(
        request,
        admin.staff,
        admin.settings,
        _page(request, admin),
        username=username,
        password=password,
        csrf_token=csrf_token,
    )


@router.post("/logout")
async def logout(request: Request, admin: AdminDep) -> Response:
    return await staff_login.log_out(request, admin.staff, admin.settings, then=f"{PATH}/login")
