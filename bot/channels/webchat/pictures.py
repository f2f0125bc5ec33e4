"""The web chat's picture upload: `POST /webchat/api/pictures`, the image as the raw body.

The page sends the file's bytes with its `image/*` type: a cross-site form cannot send that
without a CORS preflight we never grant, as with the JSON API. The body is read here, not by
the app's body limit, so a picture over `pictures.max_bytes` still gets its reply in the
chat ("too large"); what was read of it is dropped at once. The bytes are never stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response

from bot.channels.boundary import admit
from bot.channels.download import read_limited
from bot.channels.webchat.admission import NewChatLimit
from bot.channels.webchat.api import chat_key, ensure_token, refuse_new_chat
from bot.services.conversation import ConversationService
from bot.services.pictures.reader import Fetch, PictureReader
from bot.services.transcripts import TranscriptService
from bot.types import Media, MessageKind, Picture, PictureOutcome, UserMessage

PATH = "/webchat/api/pictures"
ClientId = Annotated[str, Query(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9-]+$")]


def router(
    conversations: ConversationService,
    transcripts: TranscriptService,
    new_chats: NewChatLimit,
    pictures: PictureReader | None,
    *,
    max_bytes: int,
) -> APIRouter:
    """The upload route; it answers 202 like a typed message, the reply comes by the poll."""
    api = APIRouter(tags=["webchat"])

    @api.post(PATH, status_code=202)
    async def upload(request: Request, response: Response, client_id: ClientId) -> Any:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not kind.startswith("image/"):
            raise HTTPException(415, "send the picture's bytes with its image/* type")
        token = ensure_token(request, response)
        refused = await refuse_new_chat(request, response, transcripts, new_chats, token)
        if refused is not None:
            return refused
        announced = request.headers.get("content-length")
        data = await read_limited(request.stream(), max_bytes, announced=announced)
        message = admit(
            UserMessage(
                key=chat_key(token),
                external_id=client_id,
                received_at=datetime.now(UTC),
                kind=MessageKind.UNSUPPORTED,
                media=Media.PHOTO,
            )
        )
        if data is None:
            message = replace(message, picture=Picture(PictureOutcome.TOO_LARGE))
        elif pictures is not None:
            message = await pictures.attach(message, _given(data))
        outcome = await conversations.receive(message)
        return {"accepted": True, "duplicate": outcome.duplicate}

    return api


def _given(data: bytes) -> Fetch:
    """The upload as a fetch: already in hand."""

    async def fetch(limit: int) -> bytes:
        return data

    return fetch
