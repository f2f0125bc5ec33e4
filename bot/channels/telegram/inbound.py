"""Telegram updates → one UserMessage each (or a reason to leave the update alone).

Only private chats are served: a group message or a channel post is acknowledged and left
unanswered, since a migrant's questions do not belong in a group. The one exception is text
in a supergroup's topic, handed on as a `GroupMessage` for the operators' topics to judge
(`services.operators.topic_actions`: only the configured group and linked operators count).
Media Sapar cannot read (voice, stickers, locations…) become an UNSUPPORTED message saying
what arrived (`media`), which the engine answers in the user's language; a photo or document
with a caption is read as its caption.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from aiogram.enums import ChatType, ContentType
from aiogram.types import CallbackQuery, Message, Update
from aiogram.types.update import UpdateTypeLookupError

from bot.channels.boundary import admit, clean_text
from bot.channels.telegram.media import file_ref, media_of
from bot.services.operators.topics import GroupMessage
from bot.types import ConversationKey, MessageKind, UserMessage

CHANNEL = "telegram"
# Telegram's chat ids fit in a signed 64-bit integer (Bot API); a larger one is no chat a
# reply could reach.
CHAT_IDS = range(-(2**63), 2**63)
# What a person can send that is not text. Anything else (members joining, pins, topic
# changes…) is a service message about the chat, not a message to answer.
USER_CONTENT = frozenset(
    {
        ContentType.ANIMATION,
        ContentType.AUDIO,
        ContentType.CHECKLIST,
        ContentType.CONTACT,
        ContentType.DICE,
        ContentType.DOCUMENT,
        ContentType.GAME,
        ContentType.GIFT,
        ContentType.INVOICE,
        ContentType.LIVE_PHOTO,
        ContentType.LOCATION,
        ContentType.PAID_MEDIA,
        ContentType.PHOTO,
        ContentType.POLL,
        ContentType.RICH_MESSAGE,
        ContentType.STICKER,
        ContentType.STORY,
        ContentType.UNIQUE_GIFT,
        ContentType.UNKNOWN,  # a type newer than aiogram: better a hint than silence
        ContentType.USER_SHARED,
        ContentType.USERS_SHARED,
        ContentType.VENUE,
        ContentType.VIDEO,
        ContentType.VIDEO_NOTE,
        ContentType.VOICE,
        ContentType.WEB_APP_DATA,
    }
)


@dataclass(frozen=True, slots=True)
class Inbound:
    """What to do with one update: a message to receive, a button press to acknowledge."""

    message: UserMessage | None
    ignored: str | None = None  # why there is no message
    callback_id: str | None = None  # answer it so the button stops spinning
    group: GroupMessage | None = None  # text in a supergroup's topic, maybe an operator's


def parse(update: Update) -> Inbound:
    """Turn one update into at most one UserMessage."""
    if update.message is not None:
        return _from_message(update.message, update.update_id, edited=False)
    if update.edited_message is not None:
        return _from_message(update.edited_message, update.update_id, edited=True)
    if update.callback_query is not None:
        return _from_callback(update.callback_query, update.update_id)
    return Inbound(None, ignored=f"{_event_type(update)} updates are not for Sapar")


def _event_type(update: Update) -> str:
    try:
        return update.event_type
    except UpdateTypeLookupError:  # newer than aiogram, or nothing but an update_id
        return "unknown"


def _from_message(msg: Message, update_id: int, *, edited: bool) -> Inbound:
    if msg.chat.type == ChatType.SUPERGROUP and not edited:
        return _in_group(msg)
    if msg.chat.type != ChatType.PRIVATE:
        return Inbound(None, ignored=f"message in a {msg.chat.type} chat")
    if msg.chat.id not in CHAT_IDS:
        return Inbound(None, ignored="chat id outside Telegram's range")
    text = msg.text or msg.caption or ""
    content = str(getattr(msg.content_type, "value", msg.content_type))
    if text:
        kind = MessageKind.TEXT
    elif content in USER_CONTENT:
        kind = MessageKind.UNSUPPORTED
    else:
        return Inbound(None, ignored=f"service message ({content})")
    if edited and msg.location is not None:  # a live location moving: answered once, at first
        return Inbound(None, ignored="live location update")
    # Message ids are unique per chat; an edit is a new message for the dialogue.
    external_id = f"{msg.chat.id}:{msg.message_id}"
    sent = msg.date
    if edited:
        external_id += f":edit:{msg.edit_date or 0}"
        sent = _timestamp(msg.edit_date) or sent
    user = msg.from_user
    media, point = media_of(msg, content)
    message = UserMessage(
        key=ConversationKey(CHANNEL, str(msg.chat.id)),
        external_id=external_id,
        received_at=_aware(sent),
        text=text,
        kind=kind,
        forwarded=msg.forward_origin is not None,
        user_id=str(user.id) if user else None,
        meta={
            "update_id": update_id,
            "content_type": content,
            "edited": edited,
            "language_code": user.language_code if user else None,
            **file_ref(msg),
        },
        media=media,
        point=point,
    )
    return Inbound(admit(message))


def _in_group(msg: Message) -> Inbound:
    """Text in a forum topic of a supergroup: perhaps an operator at work there."""
    ignored = Inbound(None, ignored="message in a supergroup")
    user = msg.from_user
    if not msg.text or user is None or user.is_bot or not msg.is_topic_message:
        return ignored
    # Ids outside a 64-bit column are no topic or member of ours (and would fail the query).
    thread = msg.message_thread_id
    if thread is None or any(i not in CHAT_IDS for i in (thread, msg.chat.id, user.id)):
        return ignored
    text = clean_text(msg.text)  # an operator's line may become a reply: the same cleaning
    group = GroupMessage(str(msg.chat.id), thread, user.id, text)
    return Inbound(None, ignored="message in a supergroup's topic", group=group)


def _from_callback(query: CallbackQuery, update_id: int) -> Inbound:
    chat = query.message.chat if query.message is not None else None
    if chat is not None and chat.type != ChatType.PRIVATE:
        return Inbound(None, ignored="button pressed in a group", callback_id=query.id)
    if query.data is None:
        return Inbound(None, ignored="button without data", callback_id=query.id)
    # A button under a message too old to be shown still comes from the user's private chat,
    # whose id is the user's id.
    chat_id = chat.id if chat is not None else query.from_user.id
    if chat_id not in CHAT_IDS:
        return Inbound(None, ignored="chat id outside Telegram's range", callback_id=query.id)
    message = UserMessage(
        key=ConversationKey(CHANNEL, str(chat_id)),
        external_id=f"callback:{query.id}",
        received_at=datetime.now(UTC),
        button=query.data,
        kind=MessageKind.BUTTON,
        user_id=str(query.from_user.id),
        meta={"update_id": update_id, "language_code": query.from_user.language_code},
    )
    return Inbound(admit(message), callback_id=query.id)


def _timestamp(value: int | None) -> datetime | None:
    """A Unix time as an aware datetime; None when absent or beyond what datetime holds."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
