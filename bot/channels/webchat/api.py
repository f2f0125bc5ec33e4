"""The browser chat: a JSON API for the page at `/`, and its deliverer.

The chat is identified by a random token in an HTTP-only cookie; the database keeps only its
hash, so a leaked database row cannot be replayed as a cookie. Replies reach the page when
the outbox sender "delivers" them here: the deliverer rings the chat's bell, which wakes the
page's long poll in whichever process holds it (`TranscriptService.follow`). New chats are
rate-limited per address (`admission.py`); a chat that exists is never refused.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from bot.channels.boundary import admit, clean_text
from bot.channels.webchat.admission import NewChatLimit
from bot.services.conversation import ConversationService
from bot.services.transcripts import Line, TranscriptService
from bot.types import ConversationKey, MessageKind, Reply, UserMessage

CHANNEL = "webchat"
COOKIE = "sapar_chat"
COOKIE_MAX_AGE = 90 * 24 * 3600
ROW_IDS = 2**31 - 1  # a cursor is an outbox row id, an INTEGER column: none is larger


class WebchatHub:
    """The web chat's deliverer: a reply is delivered when the page may read it."""

    channel = CHANNEL

    def __init__(self, transcripts: TranscriptService) -> None:
        self.transcripts = transcripts

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        """The row is handed over (visible to the page): wake the chat's long polls."""
        await self.transcripts.ready(ConversationKey(CHANNEL, chat_id))
        return None


def _cleaned(value: Any) -> Any:
    # Before pydantic's own check, which refuses a lone surrogate that a browser may send
    # (a pasted half of an emoji); `admit()` cleans the rest.
    return clean_text(value) if isinstance(value, str) else value


Typed = Annotated[str, BeforeValidator(_cleaned)]


class Outgoing(BaseModel):
    """A message typed or a button pressed in the page."""

    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    text: Typed = Field(default="", max_length=100_000)
    button: Typed | None = Field(default=None, max_length=64)


def chat_key(token: str) -> ConversationKey:
    """The conversation of a cookie token (stored as its hash)."""
    return ConversationKey(CHANNEL, hashlib.sha256(token.encode()).hexdigest()[:40])


def ensure_token(request: Request, response: Response) -> str:
    """The chat token of this browser, issuing a new cookie when there is none."""
    token = request.cookies.get(COOKIE)
    if token and 20 <= len(token) <= 100:
        return token
    token = secrets.token_urlsafe(32)
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return token


def require_json(request: Request) -> None:
    # A cross-site form cannot send application/json without a CORS preflight we never grant.
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send application/json")


def router(
    conversations: ConversationService,
    transcripts: TranscriptService,
    new_chats: NewChatLimit,
    *,
    long_poll_seconds: float,
) -> APIRouter:
    """The web chat's JSON API under /webchat/api."""
    api = APIRouter(prefix="/webchat/api", tags=["webchat"])

    @api.post("/messages", status_code=202, dependencies=[Depends(require_json)])
    async def post_message(request: Request, response: Response, body: Outgoing) -> Any:
        token = ensure_token(request, response)
        refused = await refuse_new_chat(request, response, transcripts, new_chats, token)
        if refused is not None:
            return refused
        message = UserMessage(
            key=chat_key(token),
            external_id=body.client_id,
            received_at=datetime.now(UTC),
            text=body.text,
            button=body.button,
            kind=MessageKind.BUTTON if body.button else MessageKind.TEXT,
        )
        message = admit(message)
        outcome = await conversations.receive(message)
        return {"accepted": True, "duplicate": outcome.duplicate}

    @api.get("/history")
    async def history(request: Request, response: Response) -> dict[str, Any]:
        key = chat_key(ensure_token(request, response))
        lines, cursor = await transcripts.history(key)
        return await _page(transcripts, key, lines, cursor)

    @api.get("/updates")
    async def updates(
        after: Annotated[int, Query(ge=0, le=ROW_IDS)] = 0,
        token: Annotated[str | None, Cookie(alias=COOKIE)] = None,
    ) -> dict[str, Any]:
        if not token:
            raise HTTPException(401, "no chat cookie; load the page first")
        found = await transcripts.follow(chat_key(token), after, long_poll_seconds)
        cursor = max((line.id for line in found.lines), default=after)
        # The language lets the page redraw its header and text box as soon as one is chosen.
        return {
            "messages": [line.to_dict() for line in found.lines],
            "cursor": cursor,
            "language": found.language,
        }

    return api


async def refuse_new_chat(
    request: Request,
    response: Response,
    transcripts: TranscriptService,
    new_chats: NewChatLimit,
    token: str,
) -> JSONResponse | None:
    """429 when this message would open one chat too many from its address, else None."""
    issued_now = "set-cookie" in response.headers  # no cookie came: surely a new chat
    if not issued_now and await transcripts.known(chat_key(token)):
        return None
    # uvicorn's proxy_headers put a trusted proxy's X-Forwarded-For here; else the peer.
    address = request.client.host if request.client else "unknown"
    verdict = new_chats.admit(address)
    if verdict.allowed:
        return None
    return JSONResponse(
        {
            "error": "too_many_new_chats",
            "detail": "too many new chats from this address; try again after retry_after s",
            "retry_after": verdict.retry_after,
        },
        status_code=429,
        headers={"retry-after": str(verdict.retry_after)},
    )


async def _page(
    transcripts: TranscriptService, key: ConversationKey, lines: list[Line], cursor: int
) -> dict[str, Any]:
    """Lines for the page, its cursor, and the chat's language."""
    # The language lets the page redraw its header and text box as soon as one is chosen.
    language = await transcripts.language(key)
    return {"messages": [line.to_dict() for line in lines], "cursor": cursor, "language": language}
