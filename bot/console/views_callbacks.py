"""Callback requests on the queue page: an operator marks one done once the person is reached."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import RedirectResponse

from bot.web.deps import ConsoleDep, Operator

router = APIRouter(prefix="/console/callbacks", include_in_schema=False)


@router.post("/{request_id}/done")
async def done(console: ConsoleDep, me: Operator, request_id: int) -> Response:
    """Done (audited; the number is deleted); a request done already is no error."""
    found = await console.callbacks.done(request_id, me)
    return RedirectResponse("/console" if found else "/console?error=callback_gone", 303)
