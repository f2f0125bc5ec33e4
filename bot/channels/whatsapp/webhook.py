"""WhatsApp Cloud API webhook: verification (GET) and signed notifications (POST).

A notification is answered 200 only after every message in it was stored by `receive()`
(replies go out later through the outbox), so WhatsApp's retries after a crash or a slow
answer are absorbed by the dedupe on the message id. Its messages are received chat by chat
concurrently (`fanout`); one that fails leaves the others stored and makes the answer a 500,
so that WhatsApp brings back only what is missing. Statuses are recorded against the outbox
row that sent the message.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import replace

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from bot.channels.boundary import Unreadable, read_json
from bot.channels.fanout import per_chat
from bot.channels.whatsapp.inbound import CHANNEL, Batch, Status, parse
from bot.channels.whatsapp.media import WhatsAppPictures
from bot.channels.whatsapp.outbound import layout
from bot.services.conversation import ConversationService
from bot.services.outbox import OutboxService
from bot.services.voices.keeper import VoiceKeeper
from bot.types import Media, MessageKind, UserMessage

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "x-hub-signature-256"


def signature_valid(body: bytes, header: str, app_secret: str) -> bool:
    """X-Hub-Signature-256 is "sha256=" + HMAC-SHA256(body, app secret); constant-time check."""
    if not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256=").strip().lower(), expected)


def router(
    conversations: ConversationService,
    outbox: OutboxService,
    *,
    app_secret: str | None,
    verify_token: str | None,
    pictures: WhatsAppPictures | None = None,
    voices: VoiceKeeper | None = None,
) -> APIRouter:
    """`GET` and `POST /whatsapp/webhook`; without the secrets configured both refuse."""
    api = APIRouter(tags=["whatsapp"])

    @api.get("/whatsapp/webhook", include_in_schema=False)
    async def verify(request: Request) -> Response:
        query = request.query_params
        given = query.get("hub.verify_token", "").encode()
        if (
            query.get("hub.mode") != "subscribe"
            or not verify_token
            or not hmac.compare_digest(given, verify_token.encode())
        ):
            return Response(status_code=403)
        return PlainTextResponse(query.get("hub.challenge", ""))

    @api.post("/whatsapp/webhook", include_in_schema=False)
    async def notify(request: Request) -> Response:
        body = await request.body()
        if not signature_valid(body, request.headers.get(SIGNATURE_HEADER, ""), app_secret or ""):
            return Response(status_code=401)
        try:
            batch = parse(read_json(body))
        except Unreadable as exc:  # also a body that is not UTF-8
            log.warning("whatsapp webhook: unreadable body: %s", exc)
            return Response(status_code=400)
        failed = await _take(batch, conversations, outbox, pictures, voices)
        if failed:
            log.error("whatsapp webhook: %d items failed; WhatsApp will call again", failed)
            return Response(status_code=500)
        return Response(status_code=200)

    return api


async def _take(
    batch: Batch,
    conversations: ConversationService,
    outbox: OutboxService,
    pictures: WhatsAppPictures | None,
    voices: VoiceKeeper | None = None,
) -> int:
    """Receive the batch's messages and record its statuses; the number that failed."""

    async def receive(message: UserMessage) -> None:
        if message.media is Media.VOICE and voices is not None:
            taken = await voices.take(message, pictures.fetch_of(message) if pictures else None)
            await voices.settle(taken, await conversations.receive(taken.message))
            return
        if pictures is not None:
            message = await pictures.attach(message)
        await conversations.receive(await _numbered_choice(outbox, message))

    async def record(status: Status) -> None:
        matched = await outbox.receipt(
            CHANNEL, status.message_id, status.status, at=status.at, error=status.error
        )
        if not matched:
            log.debug("whatsapp status %s for unknown message", status.status)

    failed = await per_chat(batch.messages, chat=lambda m: m.key, handle=receive)
    # Statuses touch one outbox row each and never wait on a chat: one after the other.
    failed_statuses = await per_chat(batch.statuses, chat=lambda s: 0, handle=record, limit=1)
    if batch.ignored:
        log.debug("whatsapp messages left alone: %s", ", ".join(batch.ignored))
    return len(failed) + len(failed_statuses)


async def _numbered_choice(outbox: OutboxService, message: UserMessage) -> UserMessage:
    """A bare number answering choices sent as numbered text is a press of that button."""
    text = message.text.strip()
    if message.kind is not MessageKind.TEXT or not text.isdigit() or len(text) > 2:
        return message
    last = await outbox.latest_sent(CHANNEL, message.key.chat_id)
    if last is None or layout(last) != "numbered" or not 1 <= int(text) <= len(last.buttons):
        return message
    chosen = last.buttons[int(text) - 1].payload
    return replace(message, text="", button=chosen, kind=MessageKind.BUTTON)
