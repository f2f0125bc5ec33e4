"""The queue page and its live fragment, the operator's presence, and the audit log."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from bot.console.state import Console
from bot.services.operators.queue_rows import facts
from bot.services.operators.targets import deadlines
from bot.services.operators.view import QueueItem
from bot.services.presence import set_presence
from bot.web.deps import ConsoleAdmin, ConsoleDep, Operator

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("")
async def queue_page(
    request: Request, console: ConsoleDep, me: Operator, error: str | None = None
) -> Response:
    items = await console.desk.queue()
    page: Response = console.page(
        request,
        "queue.html",
        me,
        **await _rows(console, items),
        callbacks=await console.callbacks.open(),
        error=console.words(request).label("error", error, "") or None,
    )
    return page


@router.get("/queue")
async def queue_rows(request: Request, console: ConsoleDep, me: Operator) -> Response:
    """The queue's rows alone, fetched by the page when something changes."""
    items = await console.desk.queue()
    page: Response = console.page(request, "_queue_rows.html", me, **await _rows(console, items))
    return page


async def _rows(console: Console, items: list[QueueItem]) -> dict[str, Any]:
    """What the rows show: the items, their facts, and when each queued one is due."""
    targets = console.settings.operators
    return {
        "items": items,
        "facts": await facts(console.desk.db, console.desk.content, items),
        "deadlines": deadlines(items, targets),
        "targets": targets,
    }


@router.post("/presence")
async def presence(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    presence: Annotated[str, Form(pattern="^(online|away)$")],
) -> Response:
    await set_presence(console.desk.db, console.staff.shift, me, presence)
    return RedirectResponse(back(request), status_code=303)


def back(request: Request) -> str:
    """The console page the request came from (never another site), else the queue."""
    path = urlsplit(request.headers.get("referer", "")).path
    return path if path.startswith("/console") and "//" not in path else "/console"


@router.get("/audit")
async def audit_page(request: Request, console: ConsoleDep, me: ConsoleAdmin) -> Response:
    """Who opened which chat and when (admins only)."""
    entries = await console.desk.audit_log(limit=500)
    page: Response = console.page(request, "audit.html", me, entries=entries)
    return page
