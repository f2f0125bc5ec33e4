"""The inbound boundary: bounded JSON depth, clean text, ids that fit their columns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.channels.boundary import (
    ID_CHARS,
    MAX_DEPTH,
    Unreadable,
    admit,
    bounded_id,
    clean_text,
    read_json,
    too_deep,
)
from bot.storage.models import Conversation, InboundSeen, OutboxRow, User
from bot.types import ConversationKey, MessageKind, UserMessage


def test_id_chars_is_the_width_of_every_column_an_inbound_id_goes_to() -> None:
    columns = [
        User.__table__.c.external_id,
        Conversation.__table__.c.chat_id,
        InboundSeen.__table__.c.external_id,
        OutboxRow.__table__.c.chat_id,
    ]
    assert {column.type.length for column in columns} == {ID_CHARS}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Салам, дос!", "Салам, дос!"),
        ("a\x00b\x01c\x1bd\x7fe", "abcde"),
        ("one\r\ntwo\rthree\tfour\nfive", "one\ntwo\nthree\tfour\nfive"),
        ("word\x0bword\x0cword\x1fword", "word word word word"),
        ("lone \ud800 and \udfff", "lone \ufffd and \ufffd"),
        ("a pair \ud83d\ude00 joined", "a pair \U0001f600 joined"),
        ("bidi \u202eтекст\u202c and \u200f stay", "bidi \u202eтекст\u202c and \u200f stay"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean) == clean  # cleaning twice changes nothing
    clean.encode("utf-8")  # always encodable


def test_a_short_clean_id_is_kept_and_a_long_one_is_hashed_consistently() -> None:
    assert bounded_id("wamid.HBgM") == "wamid.HBgM"
    long_a, long_b = "9" * 150, "9" * 149 + "8"
    assert bounded_id(long_a) == bounded_id(long_a)
    assert bounded_id(long_a) != bounded_id(long_b)
    assert len(bounded_id(long_a)) == ID_CHARS and bounded_id(long_a).startswith("999")
    assert bounded_id("x" * ID_CHARS) == "x" * ID_CHARS


def test_an_unclean_id_is_made_clean_without_meeting_the_clean_one() -> None:
    assert bounded_id("a\x00b") != bounded_id("ab")
    assert clean_text(bounded_id("a\x00b")) == bounded_id("a\x00b")
    assert "\ud800" not in bounded_id("id\ud800")


def test_read_json_refuses_broken_and_too_deep_bodies() -> None:
    assert read_json(b'{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    fits = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert too_deep(read_json(fits), MAX_DEPTH) is False
    for body in (
        b"{not json",
        b"\xff\xfe\x00",
        b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1),
        b"[" * 100_000 + b"]" * 100_000,
        b"1" * 5000,  # more digits than Python converts
    ):
        with pytest.raises(Unreadable):
            read_json(body)


def test_too_deep_counts_objects_and_lists_and_not_scalars() -> None:
    assert too_deep(1, 0) is False
    assert too_deep({"a": {"b": [1]}}, 3) is False
    assert too_deep({"a": {"b": [[1]]}}, 3) is True


def test_admit_cleans_text_and_button_and_bounds_every_id() -> None:
    message = UserMessage(
        key=ConversationKey("telegram", "7" * 200),
        external_id="e" * 300,
        received_at=datetime.now(UTC),
        text="hi\x00",
        button="menu\x00",
        user_id="u\ud800",
    )
    admitted = admit(message)
    assert admitted.text == "hi" and admitted.button == "menu"
    assert len(admitted.key.chat_id) == len(admitted.external_id) == ID_CHARS
    assert admitted.user_id is not None and "\ud800" not in admitted.user_id
    assert admit(admitted) == admitted


def test_admit_reads_a_text_of_nothing_but_controls_as_unreadable() -> None:
    key = ConversationKey("webchat", "c")
    only_controls = UserMessage(key=key, external_id="1", received_at=datetime.now(UTC), text="\0")
    empty = UserMessage(key=key, external_id="2", received_at=datetime.now(UTC), text="")
    assert admit(only_controls).kind is MessageKind.UNSUPPORTED
    assert admit(empty).kind is MessageKind.TEXT


def test_the_reason_for_a_refused_body_quotes_none_of_its_values() -> None:
    from aiogram.types import Update
    from pydantic import ValidationError

    from bot.channels.boundary import reason

    words = "Асанова"  # short: pydantic cuts long values in the middle
    try:
        Update.model_validate({"update_id": 1, "message": {"message_id": 1, "text": words}})
    except ValidationError as exc:
        assert words in str(exc)  # what the log used to carry
        assert "message.chat: missing" in reason(exc) and words not in reason(exc)
    else:
        raise AssertionError("the update should not validate")
