"""Replies → WhatsApp Cloud API `/{phone-number-id}/messages` calls, inside the 24-hour window.

Buttons become reply buttons (up to 3 short ones), else a list (up to 10 rows), else a
numbered list in the text. Outside the customer-service window (24 hours after the user's
last message) WhatsApp only accepts templates, so a free-form reply is refused here,
permanently, with the reason operators see on the dead row; a reply carrying a `template`
goes as the Graph API's template message, and its refusals (132xxx) are permanent too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from bot.channels.delivery.base import DeliveryError
from bot.channels.delivery.split import split_reply
from bot.channels.whatsapp.inbound import CHANNEL
from bot.types import Reply

TEXT_LIMIT = 4096
BUTTON_BODY_LIMIT = 1024
# Graph API error codes worth another try later (throughput and spam limits, transient).
RETRYABLE = {1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004}
WINDOW_CLOSED = "whatsapp: more than 24 hours since the user's last message; only a template"


def layout(reply: Reply) -> str:
    """How a reply's buttons are shown: "buttons", "list", "numbered" or "none"."""
    buttons = reply.buttons
    if not buttons:
        return "none"
    if len(buttons) <= 3 and len(reply.text) <= BUTTON_BODY_LIMIT and _fits(buttons, 20, 256):
        return "buttons"
    if len(buttons) <= 10 and _fits(buttons, 24, 200):
        return "list"
    return "numbered"  # the user answers with the number; the webhook maps it back


def numbered_text(reply: Reply) -> str:
    """The reply's text followed by its choices as "1. …" lines."""
    choices = "\n".join(f"{i}. {b.title}" for i, b in enumerate(reply.buttons, 1))
    return f"{reply.text}\n\n{choices}"


def body(chat_id: str, reply: Reply, list_label: str) -> dict[str, Any]:
    """The JSON of one outgoing message (of at most 4096 characters, see `parts`)."""
    head = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": chat_id}
    if reply.template is not None:  # the Graph API's template message: no text of ours
        code = {"code": reply.template.language}
        return {
            **head,
            "type": "template",
            "template": {"name": reply.template.name, "language": code},
        }
    shape = layout(reply)
    if shape == "buttons":
        action: dict[str, Any] = {
            "buttons": [
                {"type": "reply", "reply": {"id": b.payload, "title": b.title}}
                for b in reply.buttons
            ]
        }
        return {**head, "type": "interactive", "interactive": _interactive("button", reply, action)}
    if shape == "list":
        rows = [{"id": b.payload, "title": b.title} for b in reply.buttons]
        action = {"button": list_label[:20], "sections": [{"rows": rows}]}
        return {**head, "type": "interactive", "interactive": _interactive("list", reply, action)}
    text = numbered_text(reply) if shape == "numbered" else reply.text
    return {**head, "type": "text", "text": {"body": text[:TEXT_LIMIT], "preview_url": False}}


def _fits(buttons: Any, title_max: int, id_max: int) -> bool:
    return all(len(b.title) <= title_max and len(b.payload) <= id_max for b in buttons)


def _interactive(kind: str, reply: Reply, action: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "body": {"text": reply.text[:TEXT_LIMIT]}, "action": action}


class WhatsAppDeliverer:
    """Sends replies through the Graph API with an httpx client."""

    channel = CHANNEL

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        phone_number_id: str,
        window_open: Callable[[str], Awaitable[bool]],
        list_label: Callable[[], str],
    ) -> None:
        self.client = client
        self.url = f"{phone_number_id}/messages"
        self._window_open = window_open
        self._list_label = list_label

    def parts(self, reply: Reply) -> list[Reply]:
        """The messages a reply becomes (a message holds 4096 characters)."""
        if reply.template is not None:
            return [reply]
        if layout(reply) == "numbered":  # the numbers are text too: split them with it
            reply = Reply(numbered_text(reply))
        return split_reply(reply, TEXT_LIMIT)

    async def deliver(self, chat_id: str, reply: Reply) -> str | None:
        """Send a reply; return WhatsApp's id of its last message (the key of statuses)."""
        # Templates are what WhatsApp takes outside the window; free text only inside it.
        if reply.template is None and not await self._window_open(chat_id):
            raise DeliveryError(WINDOW_CLOSED, permanent=True)
        message_id: str | None = None
        for part in self.parts(reply):
            message_id = await self._send(chat_id, part)
        return message_id

    async def _send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            response = await self.client.post(
                self.url, json=body(chat_id, reply, self._list_label())
            )
        except httpx.HTTPError as exc:  # connection refused, reset, timeout
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if response.is_success:
            messages = _json(response).get("messages") or [{}]
            message_id = messages[0].get("id") if isinstance(messages[0], dict) else None
            return str(message_id) if message_id else None
        raise _error(response)

    async def close(self) -> None:
        await self.client.aclose()


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _error(response: httpx.Response) -> DeliveryError:
    """Sort a refusal into retry-later and give-up."""
    found = _json(response).get("error")
    error: dict[str, Any] = found if isinstance(found, dict) else {}
    code = error.get("code")
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    said = f"{error.get('message', '')} ({details})" if details else error.get("message", "")
    message = f"graph api {response.status_code}: {code} {said}".strip()
    retry_after = _retry_after(response.headers.get("retry-after"))
    if response.status_code == 429 or code in RETRYABLE:
        return DeliveryError(message, retry_after=retry_after)
    if response.status_code >= 500 or response.status_code in (401, 408):
        return DeliveryError(message, retry_after=retry_after)  # outage or a token to renew
    return DeliveryError(message, permanent=True)  # 131047 window, bad number, bad payload


def _retry_after(value: str | None) -> float | None:
    """HTTP Retry-After in seconds: given as seconds, or as the date to wait for."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # an HTTP date is GMT by definition
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
