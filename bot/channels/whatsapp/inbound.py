"""WhatsApp Cloud API webhook payloads → UserMessages and delivery statuses.

One webhook may carry several messages and statuses. Reactions, deletions, system notices
and echoes of our own messages are not messages to answer and are left alone; media Sapar
cannot read become UNSUPPORTED saying what arrived (`media`), which the engine answers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.channels.boundary import admit, bounded_id, clean_text
from bot.channels.media import file_media, point_of
from bot.types import ConversationKey, Media, MessageKind, Point, UserMessage

CHANNEL = "whatsapp"
CAPTIONED = ("image", "video", "document")
IGNORED = frozenset({"reaction", "system", "revoke", "request_welcome", "ephemeral"})
# Message types that are not text, as the engine names them (anything else unread: OTHER).
MEDIA = {
    "audio": Media.VOICE,  # voice notes and audio files alike (`audio.voice` tells them apart)
    "voice": Media.VOICE,
    "image": Media.PHOTO,
    "sticker": Media.STICKER,
    "video": Media.VIDEO,
    "location": Media.LOCATION,
    "contacts": Media.CONTACT,
}


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
                batch.ignored.append(str(_text(raw.get("type")))[:40])
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
    # Any field may hold any JSON: only strings are read as ids and types.
    sender = _text(raw.get("from")) or _text(raw.get("from_user_id"))
    message_id, kind = _text(raw.get("id")), _text(raw.get("type"))
    if sender is None or message_id is None or kind is None or kind in IGNORED:
        return None
    context = _map(raw.get("context"))
    content = raw
    if kind == "edit":  # an edited message is read as new: the user corrected something
        content = _map(_map(raw.get("edit")).get("message"))
        kind = _text(content.get("type")) or "unknown"
    text, button = _content(content, kind)
    media, point = _media(content, kind)
    message = UserMessage(
        key=ConversationKey(CHANNEL, sender),
        external_id=message_id,
        received_at=_time(raw.get("timestamp")),
        text=text,
        button=button,
        kind=_kind(text, button),
        forwarded=bool(context.get("forwarded") or context.get("frequently_forwarded")),
        user_id=_text(raw.get("from_user_id")),
        meta={"type": kind, "edited": raw.get("type") == "edit", **_media_ref(content, kind)},
        media=None if button else media,
        point=point,
    )
    return admit(message)


def _content(content: Mapping[str, Any], kind: str) -> tuple[str, str | None]:
    """The text and the pressed button's payload of one message's content."""
    body = _map(content.get(kind))
    if kind == "text":
        return _text(body.get("body")) or "", None
    if kind in CAPTIONED:
        return _text(body.get("caption")) or "", None
    if kind == "button":  # a quick reply under a template
        return "", _text(body.get("payload")) or _text(body.get("text"))
    if kind == "interactive":
        reply_type = _text(body.get("type"))
        chosen = _map(body.get(reply_type or ""))
        if reply_type in ("button_reply", "list_reply"):
            return "", _text(chosen.get("id"))
    return "", None


def _media(content: Mapping[str, Any], kind: str) -> tuple[Media | None, Point | None]:
    """What a message carries besides text and, for a shared location, where."""
    body = _map(content.get(kind))
    if kind in ("text", "button"):
        return None, None
    if kind == "document":
        return file_media(body.get("mime_type")), None
    if kind == "location":
        return Media.LOCATION, point_of(body.get("latitude"), body.get("longitude"))
    return MEDIA.get(kind, Media.OTHER), None


def _media_ref(content: Mapping[str, Any], kind: str) -> dict[str, str]:
    """The Graph API id of an image (or an image sent as a document), to read its text, or of
    a voice note (with its type), to keep it for an operator."""
    body = _map(content.get(kind))
    media_id = _text(body.get("id"))
    if media_id is None or kind not in ("image", "document", "audio"):
        return {}
    if kind == "audio":
        mime = _text(body.get("mime_type"))
        return {"media_id": media_id, **({"mime_type": mime} if mime else {})}
    if kind == "document" and file_media(body.get("mime_type")) is not Media.PHOTO:
        return {}
    return {"media_id": media_id}


def _status(raw: Mapping[str, Any]) -> Status | None:
    message_id, status = _text(raw.get("id")), _text(raw.get("status"))
    if message_id is None or status is None:
        return None
    errors = _dicts(raw.get("errors"))
    error = "; ".join(f"{_text(e.get('code'))} {_text(e.get('title'))}" for e in errors)
    at = _time(raw.get("timestamp"))
    return Status(bounded_id(message_id), clean_text(status)[:16], at, clean_text(error) or None)


def _kind(text: str, button: str | None) -> MessageKind:
    if button:
        return MessageKind.BUTTON
    return MessageKind.TEXT if text else MessageKind.UNSUPPORTED


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    """A string or a whole number as text; anything else (lists, objects, bools) is absent."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value) or None


def _time(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)
