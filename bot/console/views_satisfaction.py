"""The satisfaction answers per month (admins only): counts, never one person's answer."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from bot.services.operators.satisfaction import MIN_SHOWN
from bot.web.deps import ConsoleAdmin, ConsoleDep

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/satisfaction")
async def satisfaction_page(request: Request, console: ConsoleDep, me: ConsoleAdmin) -> Response:
    months = await console.satisfaction.months()
    page: Response = console.page(
        request, "satisfaction.html", me, months=months, min_shown=MIN_SHOWN
    )
    return page
