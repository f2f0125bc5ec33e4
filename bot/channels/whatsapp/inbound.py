"""WhatsApp Cloud API webhook payloads → UserMessages and delivery statuses.

One webhook may carry several messages and statuses. Reactions, deletions, system notices
and echoes of our own messages are not messages to answer and are left alone; media Sapar
cannot read become UNSUPPORTED, which the engine answers with a hint.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.types import ConversationKey, MessageKind, UserMessage

CHANNEL = "whatsapp"
CAPTIONED = ("image", "video", "document")
IGNORED = frozenset({"reaction", "system", "revoke", "request_welcome", "ephemeral"})


@dataclass(frozen=True, slots=True)
class Status:
    """What WhatsApp says happened to a message we sent."""

    message_id: str
    status: str  # sent | delivered | read | played | failed
    at: datetime
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything one webhook call carries that Sapar acts on."""

    messages: list[UserMessage] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def parse(payload: Any) -> Batch:
    """Read a webhook body (already JSON-decoded); unknown shapes are ignored, never fatal."""
    batch = Batch()
    for value in _values(payload):
        for raw in _dicts(value.get("messages")):
            message = _message(raw)
            if message is None:
                batch.ignored.append(str(raw.get("type")))
            else:
                batch.messages.append(message)
        for raw in _dicts(value.get("statuses")):
            status = _status(raw)
            if status is not None:
                batch.statuses.append(status)
    return batch


def _values(payload: Any) -> Iterator[Mapping[str, Any]]:
    if not isinstance(payload, Mapping):
        return
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if change.get("field", "messages") == "messages" and isinstance(value, Mapping):
                yield value


def _dicts(items: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, Mapping))


def _message(raw: Mapping[str, Any]) -> UserMessage | None:
    sender = raw.get("from") or raw.get("from_user_id")
    message_id = raw.get("id")
    kind = raw.get("type")
    if not isinstance(sender, str) or not isinstance(message_id, str) or kind in IGNORED:
        return None
    context = _map(raw.get("context"))
    content = raw
    if kind == "edit":  # an edited message is read as new: the user corrected something
        content = _map(_map(raw.get("edit")).get("message"))
        kind = content.get("type")
    text, button = _content(content, str(kind))
    return UserMessage(
        key=ConversationKey(CHANNEL, sender),
        external_id=message_id[:128],
        received_at=_time(raw.get("timestamp")),
        text=text,
        button=button,
        kind=_kind(text, button),
        forwarded=bool(context.get("forwarded") or context.get("frequently_forwarded")),
        user_id=raw.get("from_user_id") if isinstance(raw.get("from_user_id"), str) else None,
        meta={"type": str(kind), "edited": raw.get("type") == "edit"},
    )


def _content(content: Mapping[str, Any], kind: str) -> tuple[str, str | None]:
    """The text and the pressed button's payload of one message's content."""
    body = _map(content.get(kind))
    if kind == "text":
        return str(body.get("body") or ""), None
    if kind in CAPTIONED:
        return str(body.get("caption") or ""), None
    if kind == "button":  # a quick reply under a template
        return "", _text(body.get("payload")) or _text(body.get("text"))
    if kind == "interactive":
        chosen = body.get(str(body.get("type")))
        if body.get("type") in ("button_reply", "list_reply") and isinstance(chosen, Mapping):
            return "", _text(chosen.get("id"))
    return "", None


def _status(raw: Mapping[str, Any]) -> Status | None:
    message_id, status = raw.get("id"), raw.get("status")
    if not isinstance(message_id, str) or not isinstance(status, str):
        return None
    errors = _dicts(raw.get("errors"))
    error = "; ".join(f"{e.get('code')} {e.get('title')}" for e in errors) or None
    return Status(message_id, status, _time(raw.get("timestamp")), error)


def _kind(text: str, button: str | None) -> MessageKind:
    if button:
        return MessageKind.BUTTON
    return MessageKind.TEXT if text else MessageKind.UNSUPPORTED


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value) else None


def _time(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)
