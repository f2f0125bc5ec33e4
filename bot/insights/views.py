"""/insights: the figures with their filters, and each table as CSV (managers and admins)."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request, Response

from bot.clock import utcnow
from bot.insights.sections import sections
from bot.services.insights.period import PeriodError, period
from bot.services.insights.report import NAMES, Filters
from bot.web.deps import InsightsAsked, InsightsDep, InsightsQuery, Manager

router = APIRouter(prefix="/insights", include_in_schema=False)
CHOICE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def filters_of(asked: InsightsQuery) -> Filters:
    """The filters a request asked for; PeriodError names what cannot be read."""
    first, last = period(asked.start, asked.end, today=utcnow().date())
    chosen = {"channel": asked.channel, "language": asked.language, "country": asked.country}
    for name, value in chosen.items():
        if value and not CHOICE.fullmatch(value):
            raise PeriodError(f"{name}: not a known value")
    return Filters(first, last, *(value or None for value in chosen.values()))


@router.get("")
async def insights_page(
    request: Request, room: InsightsDep, me: Manager, asked: InsightsAsked
) -> Response:
    say = room.words(request)
    error, status = None, 200
    try:
        filters = filters_of(asked)
    except PeriodError:
        error, status = say("error_filters"), 400
        filters = filters_of(InsightsQuery())
    report = await room.report.report(filters)
    page: Response = room.page(
        request,
        "insights.html",
        me,
        filters=filters,
        choices=await room.report.choices(),
        sections=sections(report, room.labels(request), say),
        query=request.url.query if status == 200 else "",
        error=error,
        status_code=status,
    )
    return page


@router.get("/csv/{name}")
async def insights_csv(name: str, room: InsightsDep, me: Manager, asked: InsightsAsked) -> Response:
    if name not in NAMES:
        raise HTTPException(404, "no such table")
    try:
        filters = filters_of(asked)
    except PeriodError as exc:
        raise HTTPException(400, str(exc)) from None
    table = (await room.report.report(filters)).tables[name]
    filename = f"insights-{name}-{filters.start}-{filters.end}.csv"
    headers = {"content-disposition": f'attachment; filename="{filename}"'}
    return Response(
        table.csv(),
        media_type="text/csv; charset=utf-8",
        headers={**headers, "cache-control": "no-store"},
    )
