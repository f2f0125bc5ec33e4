"""One chat: its page, its live transcript, and the operator's actions on it."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse

from bot.services import presence
from bot.services.operators import queue_rows
from bot.services.operators.escalation import OUTCOMES
from bot.services.operators.summary import summary
from bot.services.operators.view import DeskError
from bot.web.deps import ConsoleDep, Operator
from bot.web.deps import console as console_of

router = APIRouter(prefix="/console/chats", include_in_schema=False)


@router.get("/{handoff_id}")
async def chat_page(
    request: Request, console: ConsoleDep, me: Operator, handoff_id: int, error: str | None = None
) -> Response:
    try:
        view = await console.desk.chat(handoff_id, me)
    except DeskError as exc:
        raise HTTPException(404, str(exc)) from None
    entry = view.item.entry
    page: Response = console.page(
        request,
        "chat.html",
        me,
        view=view,
        entry=entry,
        holds=entry.status == "claimed" and (entry.operator_id == me.id or me.role == "admin"),
        canned=console.canned,
        operators=[
            o for o in await presence.operators(console.desk.db) if o[0] != entry.operator_id
        ],
        outcome_ids=OUTCOMES,
        facts=(await queue_rows.facts(console.desk.db, console.desk.content, [view.item])).get(
            entry.id
        ),
        error=console.words(request).label("error", error, "") or None,
        window=await console.window.window(entry.conversation_id),
        templates=console.window.templates,
        summary=await summary(console.desk.db, console.desk.content(), view),
    )
    return page


@router.get("/{handoff_id}/transcript")
async def transcript(
    request: Request, console: ConsoleDep, me: Operator, handoff_id: int
) -> Response:
    """The transcript alone, fetched by the page when the user writes."""
    try:
        lines = await console.desk.transcript(handoff_id, me)
    except DeskError as exc:
        raise HTTPException(404, str(exc)) from None
    page: Response = console.page(request, "_transcript.html", me, lines=lines)
    return page


def _done(request: Request, handoff_id: int, error: DeskError | None = None) -> Response:
    """JSON for the page's script, a redirect back to the chat for a plain form."""
    if "application/json" in request.headers.get("accept", ""):
        if error is None:
            return JSONResponse({"ok": True})
        detail = console_of(request).words(request).label("error", error.code)
        return JSONResponse({"ok": False, "code": error.code, "detail": detail}, 409)
    suffix = f"?error={error.code}" if error else ""
    target = "/console" if error and error.code == "gone" else f"/console/chats/{handoff_id}"
    return RedirectResponse(target + suffix, status_code=303)


async def _act(
    request: Request, handoff_id: int, action: Awaitable[object], then: str | None = None
) -> Response:
    """Run one desk action; answer with its error, or go back to the chat (or to `then`)."""
    try:
        await action
    except DeskError as exc:
        return _done(request, handoff_id, exc)
    if then is not None and "application/json" not in request.headers.get("accept", ""):
        return RedirectResponse(then, status_code=303)
    return _done(request, handoff_id)


@router.post("/{handoff_id}/claim")
async def claim(request: Request, console: ConsoleDep, me: Operator, handoff_id: int) -> Response:
    return await _act(request, handoff_id, console.desk.claim(handoff_id, me))


@router.post("/{handoff_id}/reply")
async def reply(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    handoff_id: int,
    text: Annotated[str, Form(max_length=4000)],
) -> Response:
    return await _act(request, handoff_id, console.desk.reply(handoff_id, me, text))


@router.post("/{handoff_id}/template")
async def template(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    handoff_id: int,
    name: Annotated[str, Form(max_length=512)],
    text: Annotated[str, Form(max_length=4000)],
) -> Response:
    """WhatsApp after 24 hours: an approved template now, the reply when the user writes."""
    sent = console.window.send_template(handoff_id, me, name, text)
    return await _act(request, handoff_id, sent)


@router.post("/{handoff_id}/note")
async def note(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    handoff_id: int,
    text: Annotated[str, Form(max_length=4000)],
) -> Response:
    return await _act(request, handoff_id, console.desk.note(handoff_id, me, text))


@router.post("/{handoff_id}/transfer")
async def transfer(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    handoff_id: int,
    operator_id: Annotated[int, Form()],
) -> Response:
    return await _act(
        request, handoff_id, console.desk.transfer(handoff_id, me, operator_id), then="/console"
    )


@router.post("/{handoff_id}/close")
async def close(
    request: Request,
    console: ConsoleDep,
    me: Operator,
    handoff_id: int,
    outcome: Annotated[str, Form(max_length=32)],
) -> Response:
    done = await _act(
        request, handoff_id, console.desk.close(handoff_id, me, outcome), then="/console"
    )
    await console.assign.fill()  # a place is free: a waiting chat may go to someone now
    return done
