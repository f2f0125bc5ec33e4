"""A Telegram message's media, as the engine names it, and a shared location's point."""

from __future__ import annotations

from aiogram.enums import ContentType
from aiogram.types import Message

from bot.channels.media import file_media, point_of
from bot.types import Media, Point

# ContentType is a str enum: the message's content type (a str) finds its entry directly.
MEDIA: dict[str, Media] = {
    ContentType.VOICE: Media.VOICE,
    ContentType.AUDIO: Media.VOICE,
    ContentType.PHOTO: Media.PHOTO,
    ContentType.LIVE_PHOTO: Media.PHOTO,
    ContentType.STICKER: Media.STICKER,
    ContentType.DICE: Media.STICKER,
    ContentType.VIDEO: Media.VIDEO,
    ContentType.VIDEO_NOTE: Media.VIDEO,
    ContentType.ANIMATION: Media.VIDEO,
    ContentType.LOCATION: Media.LOCATION,
    ContentType.VENUE: Media.LOCATION,
    ContentType.CONTACT: Media.CONTACT,
}


def file_ref(msg: Message) -> dict[str, object]:
    """The meta that lets the channel fetch a photo or an image file (its largest size), or
    a voice note's audio (with its type, which the console's player needs)."""
    audio = msg.voice or msg.audio
    if audio is not None:
        return {
            "file_id": audio.file_id,
            "file_size": audio.file_size,
            "mime_type": audio.mime_type,
        }
    if msg.photo:
        largest = msg.photo[-1]
        return {"file_id": largest.file_id, "file_size": largest.file_size}
    document = msg.document
    if document is not None and file_media(document.mime_type) is Media.PHOTO:
        return {"file_id": document.file_id, "file_size": document.file_size}
    return {}


def media_of(msg: Message, content: str) -> tuple[Media | None, Point | None]:
    """What `msg` carries besides text (None for plain text) and, for a location, where."""
    if content == ContentType.TEXT:
        return None, None
    if content == ContentType.DOCUMENT:
        mime = msg.document.mime_type if msg.document is not None else None
        return file_media(mime), None
    media = MEDIA.get(content, Media.OTHER)
    where = msg.location
    if media is Media.LOCATION and where is not None:
        return media, point_of(where.latitude, where.longitude)
    return media, None
