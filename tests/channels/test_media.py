"""Real media payloads (tests/fixtures) → one UserMessage saying what arrived, and where."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiogram.types import Update

from bot.channels.media import file_media, point_of
from bot.channels.telegram.inbound import parse as parse_telegram
from bot.channels.whatsapp.inbound import parse as parse_whatsapp
from bot.types import Media, MessageKind, Point, UserMessage
from tests.channels.conftest import FIXTURES


def telegram(name: str) -> UserMessage:
    raw = json.loads((FIXTURES / "telegram" / f"{name}.json").read_text())
    message = parse_telegram(Update.model_validate(raw)).message
    assert message is not None
    return message


def whatsapp(name: str, file: str = "message") -> UserMessage:
    raw: Any = json.loads((FIXTURES / "whatsapp" / f"{file}.json").read_text())[name]
    batch = parse_whatsapp(raw)
    assert len(batch.messages) == 1
    return batch.messages[0]


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("voice", Media.VOICE),
        ("audio", Media.VOICE),
        ("sticker", Media.STICKER),
        ("contact", Media.CONTACT),
        ("video", Media.VIDEO),
        ("video_note", Media.VIDEO),
        ("document", Media.DOCUMENT),
    ],
)
def test_telegram_media_without_caption_says_what_arrived(name: str, media: Media) -> None:
    message = telegram(name)
    assert (message.kind, message.media, message.point, message.text) == (
        MessageKind.UNSUPPORTED,
        media,
        None,
        "",
    )


def test_a_telegram_photo_with_a_caption_is_read_as_text_and_marked_a_photo() -> None:
    message = telegram("photo")
    assert (message.kind, message.media, message.text) == (
        MessageKind.TEXT,
        Media.PHOTO,
        "asdasdasdasdasdasd",
    )


@pytest.mark.parametrize("name", ["location", "venue"])
def test_a_telegram_location_carries_its_point(name: str) -> None:
    message = telegram(name)
    assert (message.kind, message.media) == (MessageKind.UNSUPPORTED, Media.LOCATION)
    assert message.point == Point(41.899977, 12.501028)
    assert message.text == ""  # a venue's title and address are not kept either


def test_a_live_locations_updates_are_left_alone() -> None:
    raw = json.loads((FIXTURES / "telegram" / "location.json").read_text())
    raw["edited_message"] = {**raw.pop("message"), "edit_date": 1668634060}
    inbound = parse_telegram(Update.model_validate(raw))
    assert inbound.message is None and inbound.ignored == "live location update"


def test_telegram_text_has_no_media() -> None:
    assert telegram("text").media is None


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("image", Media.PHOTO),
        ("media_with_url", Media.PHOTO),
        ("audio", Media.VOICE),
        ("voice", Media.VOICE),
        ("static_sticker", Media.STICKER),
        ("animated_sticker", Media.STICKER),
        ("contacts", Media.CONTACT),
        ("order", Media.OTHER),
        ("unsupported", Media.OTHER),
        ("interactive_message_with_err", Media.OTHER),
    ],
)
def test_whatsapp_media_says_what_arrived(name: str, media: Media) -> None:
    message = whatsapp(name)
    assert (message.kind, message.media, message.point) == (MessageKind.UNSUPPORTED, media, None)


@pytest.mark.parametrize(
    ("name", "point"),
    [
        ("current_location", Point(12.25089, 43.90539)),
        ("chosen_location", Point(37.4611978, -122.2164385)),
    ],
)
def test_a_whatsapp_location_carries_its_point_and_nothing_else(name: str, point: Point) -> None:
    message = whatsapp(name)
    assert (message.kind, message.media, message.point) == (
        MessageKind.UNSUPPORTED,
        Media.LOCATION,
        point,
    )
    assert message.text == "" and "location" not in message.meta  # no name, no address
    assert "latitude" not in repr(message) and str(point.latitude) not in repr(message)


def test_whatsapp_captioned_media_is_text_with_its_media() -> None:
    assert (whatsapp("video").kind, whatsapp("video").media) == (MessageKind.TEXT, Media.VIDEO)
    assert whatsapp("document").media is Media.DOCUMENT
    assert whatsapp("text").media is None
    assert whatsapp("button", "callback_button").media is None


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(91, 0), (0, 181), (float("nan"), 0), (0, float("inf")), ("41", "12"), (True, 1), (None, 0)],
)
def test_what_is_not_a_point_on_the_globe_is_no_location(lat: Any, lon: Any) -> None:
    assert point_of(lat, lon) is None


def test_an_image_sent_as_a_file_is_a_picture() -> None:
    assert file_media("image/jpeg") is Media.PHOTO
    assert file_media("application/pdf") is Media.DOCUMENT
    assert file_media(None) is Media.DOCUMENT
