"""What every channel does to a payload before Sapar reads it: decode, clean, bound.

A platform's body is untrusted even when it is signed: Telegram and Meta relay whatever the
user (or a new API version) put in it. So a body is decoded only to a bounded depth, text
loses what no database or page can hold (NUL, lone surrogates, other C0 controls), and ids
are cut to the columns that store them. Every channel runs its messages through `admit()`
once, here, so the rest of Sapar can trust a `UserMessage`. Bidi controls and other
printable oddities stay as typed: `bot.web.display` shows them safely.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from bot.types import ConversationKey, MessageKind, UserMessage

# The width of the columns ids are stored in (users, conversations, inbound_seen, outbox);
# tests/channels/test_boundary.py checks it against the models.
ID_CHARS = 128
HASH_CHARS = 32  # 128 bits of SHA-256: no two real ids meet by chance
# No platform nests its payload anywhere near this; a deeper body is not a real update.
MAX_DEPTH = 64
# C0 controls Python counts as whitespace (VT, FF, FS…US) separate words: they become a space.
_SPACING = re.compile(r"[\x0b\x0c\x1c-\x1f]")
# The other C0 controls but TAB and LF, and DEL: nothing a person means to send.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


class Unreadable(ValueError):
    """A body that is not JSON Sapar will read: broken, not UTF-8, or nested too deep."""


def read_json(body: bytes) -> Any:
    """Decode a webhook body, refusing one nested deeper than `MAX_DEPTH`.

    Raises:
        Unreadable: with the reason, for the log.
    """
    try:
        payload = json.loads(body)
    except RecursionError as exc:  # json's C decoder gives up cleanly near the stack limit
        raise Unreadable("nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an int of 5000 digits
        raise Unreadable(str(exc)[:200]) from exc
    # Fewer brackets than the limit cannot nest deeper than it: most bodies stop here.
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and too_deep(payload, MAX_DEPTH):
        raise Unreadable(f"nested deeper than {MAX_DEPTH}")
    return payload


def reason(exc: Exception) -> str:
    """Why a body was refused, for the log, without its values (they may be a user's words)."""
    if isinstance(exc, ValidationError):  # its str() quotes every refused value
        places = (".".join(map(str, e["loc"])) + ": " + e["type"] for e in exc.errors()[:5])
        return f"{exc.error_count()} error(s): " + "; ".join(places)
    return str(exc)[:200]  # read_json's reasons name positions, never content


def too_deep(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels (without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def clean_text(text: str) -> str:
    """Text as a person typed it, minus what no database or page can hold.

    CR LF and lone CR become LF; whitespace-like controls a space; other C0 controls and
    DEL go; a lone surrogate (valid in JSON, not in UTF-8) becomes U+FFFD, while a pair
    that came as two escapes is joined into its character.
    """
    if text.isprintable():  # the common case: nothing to do
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", _SPACING.sub(" ", text))
    if _SURROGATES.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def bounded_id(value: str, limit: int = ID_CHARS) -> str:
    """An id that fits its column: unchanged when it does, else a prefix and a hash.

    The same id always gives the same result and different ids different ones, so dedupe
    and conversations keyed on it keep working.
    """
    if len(value) <= limit and clean_text(value) == value:
        return value
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]
    return f"{clean_text(value)[: limit - HASH_CHARS - 1]}~{digest}"


def admit(message: UserMessage) -> UserMessage:
    """The message with clean text and button and ids that fit their columns.

    A text of nothing but controls is left with nothing to read: it is answered like a
    sticker, with the hint that Sapar reads text.
    """
    text, kind = clean_text(message.text), message.kind
    if message.text and not text and kind is MessageKind.TEXT:
        kind = MessageKind.UNSUPPORTED
    return replace(
        message,
        key=ConversationKey(message.key.channel, bounded_id(message.key.chat_id)),
        external_id=bounded_id(message.external_id),
        text=text,
        kind=kind,
        button=None if message.button is None else clean_text(message.button),
        user_id=None if message.user_id is None else bounded_id(message.user_id),
    )
