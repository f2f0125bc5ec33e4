"""A held chat's voice note, played by the chat page's `<audio>`: for signed-in operators only."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from bot.web.deps import ConsoleDep, Operator

router = APIRouter(prefix="/console/voices", include_in_schema=False)


@router.get("/{ref}")
async def voice(console: ConsoleDep, me: Operator, ref: str) -> Response:
    """The audio with its type; gone (404) once the hand-off closed or the person forgot."""
    found = await console.voices.play(ref) if console.voices is not None else None
    if found is None:
        raise HTTPException(404, "no such voice note")
    # Never cached: once deleted, a copy must not outlive it in the operator's browser.
    headers = {"cache-control": "no-store", "content-disposition": "inline"}
    return Response(found.data, media_type=found.content_type, headers=headers)
