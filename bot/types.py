"""Frozen values shared by every room: what a message is, what a reply is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeAlias

# A language Sapar answers in: a code listed in dialogues/languages.yml ("ky", "ru", …).
# Data, not an enum: a new language is content and a lexicon, no change here.
Language: TypeAlias = str


class ConversationStatus(StrEnum):
    """Who answers the conversation now."""

    BOT = "bot"
    QUEUED = "queued"
    WITH_OPERATOR = "with_operator"
    CLOSED = "closed"


class MessageKind(StrEnum):
    """What the user sent, as far as the engine cares."""

    TEXT = "text"
    BUTTON = "button"
    UNSUPPORTED = "unsupported"  # voice, sticker, location…: answered by what arrived (`media`)


class Media(StrEnum):
    """What a message carries besides text, as the channel saw it."""

    VOICE = "voice"  # a voice note or an audio file
    PHOTO = "photo"  # a photo, or an image sent as a file
    STICKER = "sticker"  # a sticker, an animated emoji, a dice
    VIDEO = "video"
    DOCUMENT = "document"
    LOCATION = "location"
    CONTACT = "contact"
    OTHER = "other"


class PictureOutcome(StrEnum):
    """What came of reading a picture's text (OCR), decided before the engine sees it."""

    READ = "read"  # text was read: the engine checks it as a pasted offer
    UNREADABLE = "unreadable"  # no text could be made out (or reading took too long)
    TOO_LARGE = "too_large"  # more bytes or pixels than `pictures.max_*` allow
    NOT_IMAGE = "not_image"  # an image by its name or type, but not by its bytes
    FAILED = "failed"  # the platform would not give us the file
    OFF = "off"  # pictures are not read on this installation (no Tesseract, or switched off)


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture's reading: the outcome and, when read, its text (never in a log line)."""

    outcome: PictureOutcome
    text: str = field(default="", repr=False)


class VoiceOutcome(StrEnum):
    """What came of keeping a voice note for the operator (only while a hand-off is open)."""

    KEPT = "kept"  # stored until the hand-off closes: the operator can play it
    TOO_LARGE = "too_large"  # more than `voice.max_bytes`: not stored, the operator is told
    FAILED = "failed"  # the platform would not give us the file


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice note's fate; `ref` names its stored audio (a random token, nothing personal)."""

    outcome: VoiceOutcome
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Point:
    """A shared location: only the engine reads it, nothing stores it."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """One chat on one channel: ("telegram", "12345"), ("webchat", "<hash>")."""

    channel: str
    chat_id: str

    def __str__(self) -> str:
        return f"{self.channel}:{self.chat_id}"


@dataclass(frozen=True, slots=True)
class UserMessage:
    """What every channel turns its payload into.

    `external_id` is unique across the whole channel (not just the chat) and is the dedupe
    key; `text` is the typed text (or a caption, or a forwarded post); `button` is a button
    payload when the user pressed one; `media` is what came besides text (a photo with
    a caption is TEXT with `media` PHOTO); `point` is a shared location's coordinates;
    `picture` is what reading a photo gave (its text is then also in `text`, after any
    caption); `voice` is what became of a voice note's audio during a hand-off.
    """

    key: ConversationKey
    external_id: str
    received_at: datetime
    text: str = ""
    button: str | None = None
    kind: MessageKind = MessageKind.TEXT
    forwarded: bool = False
    user_id: str | None = None  # the platform's user id where it differs from the chat id
    meta: Mapping[str, Any] = field(default_factory=dict)
    media: Media | None = None
    point: Point | None = field(default=None, repr=False)  # never in a log line
    picture: Picture | None = None
    voice: Voice | None = None  # set only for a voice note in a chat an operator holds


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a reply: what it says and what it sends back."""

    title: str
    payload: str


@dataclass(frozen=True, slots=True)
class Template:
    """A platform's pre-approved message (WhatsApp's templates), by name and language code."""

    name: str
    language: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message from Sapar to the user.

    `calls` are phone numbers written in the text that a channel able to may make tappable
    (the web chat's `tel:` links); `clears` asks a client that shows history to start clean
    (the confirmation of /forget). A reply with a `template` is sent as that template (its
    `text` is only what the transcript shows).
    """

    text: str
    buttons: tuple[Button, ...] = ()
    calls: tuple[str, ...] = ()
    clears: bool = False
    template: Template | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
        }
        if self.calls:
            data["calls"] = list(self.calls)
        if self.clears:
            data["clears"] = True
        if self.template is not None:
            data["template"] = {"name": self.template.name, "language": self.template.language}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reply:
        buttons = tuple(Button(str(b["title"]), str(b["payload"])) for b in data.get("buttons", ()))
        calls = tuple(str(c) for c in data.get("calls", ()))
        found = data.get("template")
        template = Template(str(found["name"]), str(found["language"])) if found else None
        return cls(str(data["text"]), buttons, calls, bool(data.get("clears", False)), template)
