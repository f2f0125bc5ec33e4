"""WhatsApp payloads → messages and statuses, and replies → Graph API bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.channels.whatsapp.inbound import parse
from bot.channels.whatsapp.outbound import WhatsAppDeliverer, body, layout
from bot.services.outbox import window_open
from bot.types import Button, MessageKind, Reply
from tests.channels.conftest import FIXTURES

WA = FIXTURES / "whatsapp"


def fixture(file: str, name: str) -> Any:
    return json.loads((WA / f"{file}.json").read_text())[name]


@pytest.mark.parametrize(
    ("file", "name", "kind", "text", "button", "forwarded"),
    [
        ("message", "text", MessageKind.TEXT, "Body Text", None, False),
        ("message", "forwarded", MessageKind.TEXT, "forwarded text", None, True),
        (
            "message",
            "forwarded_many_times",
            MessageKind.TEXT,
            "text forwarded many times",
            None,
            True,
        ),
        ("message", "video", MessageKind.TEXT, "caption", None, True),
        ("message", "document", MessageKind.TEXT, "caption", None, True),
        ("message", "image", MessageKind.UNSUPPORTED, "", None, False),
        ("message", "audio", MessageKind.UNSUPPORTED, "", None, True),
        ("message", "voice", MessageKind.UNSUPPORTED, "", None, False),
        ("message", "static_sticker", MessageKind.UNSUPPORTED, "", None, False),
        ("message", "current_location", MessageKind.UNSUPPORTED, "", None, True),
        ("message", "contacts", MessageKind.UNSUPPORTED, "", None, False),
        ("message", "unsupported", MessageKind.UNSUPPORTED, "", None, False),
        ("message", "interactive_message_with_err", MessageKind.UNSUPPORTED, "", None, False),
        ("callback_button", "button", MessageKind.BUTTON, "", "callback_data", False),
        ("callback_button", "quick_reply", MessageKind.BUTTON, "", "callback_data", False),
        ("callback_selection", "callback", MessageKind.BUTTON, "", "callback_data", False),
        ("edited_message", "image", MessageKind.TEXT, "Updated image caption", None, False),
    ],
)
def test_messages_become_one_user_message_each(
    file: str, name: str, kind: MessageKind, text: str, button: str | None, forwarded: bool
) -> None:
    batch = parse(fixture(file, name))

    assert len(batch.messages) == 1 and batch.statuses == []
    message = batch.messages[0]
    assert (message.kind, message.text, message.button, message.forwarded) == (
        kind,
        text,
        button,
        forwarded,
    )
    assert message.key.channel == "whatsapp" and message.external_id.startswith("wamid.")
    assert message.received_at.tzinfo is not None


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("message", "reaction"),
        ("message", "unreaction_empty"),
        ("deleted_message", "revoke"),
        ("system", "identity_change"),
        ("outgoing_message", "text"),
    ],
)
def test_reactions_deletions_system_notices_and_echoes_are_left_alone(file: str, name: str) -> None:
    batch = parse(fixture(file, name))

    assert batch.messages == [] and batch.statuses == []


def test_statuses_are_read_with_their_errors() -> None:
    delivered = parse(fixture("message_status", "delivered")).statuses
    failed = parse(fixture("message_status", "failed")).statuses

    assert [(s.message_id, s.status) for s in delivered] == [("wamid.xyzxyz", "delivered")]
    assert failed[0].status == "failed"
    assert failed[0].error == "130472 User's number is part of an experiment"


@pytest.mark.parametrize("junk", [None, [], {"entry": "x"}, {"entry": [{"changes": [1]}]}])
def test_unexpected_shapes_are_ignored(junk: Any) -> None:
    batch = parse(junk)

    assert batch.messages == [] and batch.statuses == []


def test_up_to_three_short_buttons_are_reply_buttons() -> None:
    reply = Reply("Тилди тандаңыз:", (Button("Кыргызча", "lang_ky"), Button("Русский", "lang_ru")))

    sent = body("996700000001", reply, "Тандоо / Выбрать")

    assert sent["type"] == "interactive" and sent["interactive"]["type"] == "button"
    assert sent["interactive"]["action"]["buttons"][1] == {
        "type": "reply",
        "reply": {"id": "lang_ru", "title": "Русский"},
    }


def test_up_to_ten_buttons_are_a_list_and_more_are_numbered_text() -> None:
    five = tuple(Button(f"Пункт {i}", f"p{i}") for i in range(5))
    twelve = tuple(Button(f"Пункт {i}", f"p{i}") for i in range(12))
    long_titles = (Button("Адам менен сүйлөшүү керек", "operator"),)

    listed = body("1", Reply("Меню", five), "Тандоо / Выбрать")
    numbered = body("1", Reply("Меню", twelve), "Тандоо / Выбрать")
    too_long_for_buttons = body("1", Reply("Меню", long_titles), "Тандоо / Выбрать")

    assert listed["interactive"]["type"] == "list"
    assert listed["interactive"]["action"]["button"] == "Тандоо / Выбрать"
    assert [r["id"] for r in listed["interactive"]["action"]["sections"][0]["rows"]] == [
        f"p{i}" for i in range(5)
    ]
    assert numbered["type"] == "text"
    assert numbered["text"]["body"].endswith("11. Пункт 10\n12. Пункт 11")
    assert too_long_for_buttons["type"] == "text"
    assert body("1", Reply("Жооп"), "x")["text"] == {"body": "Жооп", "preview_url": False}


def test_the_window_is_24_hours_from_the_last_inbound_message() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)

    assert window_open("whatsapp", now - timedelta(hours=23, minutes=59), now)
    assert not window_open("whatsapp", now - timedelta(hours=24), now)
    assert not window_open("whatsapp", None, now)
    assert window_open("telegram", now - timedelta(days=30), now)


def test_numbered_choices_are_split_with_the_text_they_follow() -> None:
    twelve = tuple(Button(f"Пункт {i}", f"p{i}") for i in range(12))
    reply = Reply("Сөз " * 1100, twelve)  # 4400 characters, then the numbers

    parts = WhatsAppDeliverer.parts(None, reply)  # type: ignore[arg-type]  # needs no state

    assert layout(reply) == "numbered" and len(parts) == 2
    assert all(p.buttons == () and len(p.text) <= 4096 for p in parts)
    assert parts[-1].text.endswith("12. Пункт 11")
