"""Replies that could not be delivered: the list, and "send again" (operators and admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from bot.web.deps import ConsoleDep, Operator

router = APIRouter(prefix="/console/dead", include_in_schema=False)
OUTCOMES = ("requeued", "not_dead")  # what a "send again" may come back with


@router.get("")
async def dead_page(
    request: Request, console: ConsoleDep, me: Operator, done: str | None = None
) -> Response:
    replies = await console.dead.newest()
    page: Response = console.page(
        request,
        "dead.html",
        me,
        replies=replies,
        window_closed=await console.dead.window_closed(replies),
        total=await console.dead.total(),
        done=done if done in OUTCOMES else None,
    )
    return page


@router.post("/resend")
async def resend(console: ConsoleDep, me: Operator, row_id: Annotated[int, Form(ge=1)]) -> Response:
    """Requeue a dead reply (audited) and come back to the list with the outcome."""
    requeued = await console.dead.send_again(row_id, me)
    outcome = "requeued" if requeued else "not_dead"
    return RedirectResponse(f"/console/dead?done={outcome}", status_code=303)
