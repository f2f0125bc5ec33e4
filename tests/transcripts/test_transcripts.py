"""Whole conversations written as data, run through the production engine and content."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Assessed, Understood
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState
from bot.types import ConversationKey, Media, MessageKind, Point, UserMessage

HERE = Path(__file__).parent
CONVERSATIONS = [
    conv
    for path in sorted(HERE.glob("*.yml"))
    for conv in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]
]


def turn_message(n: int, turn: dict[str, Any]) -> UserMessage:
    """A step as a message: `user` text, a `button`, `media` (voice, photo…) or a `location`."""
    button, media, location = turn.get("button"), turn.get("media"), turn.get("location")
    kind = MessageKind.BUTTON if button else MessageKind.TEXT
    if location is not None:
        media = "location"
    if media is not None:
        kind = MessageKind.TEXT if turn.get("user") else MessageKind.UNSUPPORTED
    return UserMessage(
        key=ConversationKey("transcript", "1"),
        external_id=str(n),
        received_at=datetime(2026, 11, 27, tzinfo=UTC),
        text=str(turn.get("user", "")),
        button=button,
        kind=kind,
        media=Media(media) if media is not None else None,
        point=Point(*location) if location is not None else None,
    )


EXPECT_KEYS = frozenset(
    {"intent", "language", "level", "escalated", "says", "not_says", "buttons", "silent"}
)


def check_turn(result: Step, expect: dict[str, Any], where: str) -> None:
    unknown = set(expect) - EXPECT_KEYS  # a misspelt key would otherwise check nothing
    assert not unknown, f"{where}: unknown expect keys {sorted(unknown)}"
    understood = [e.intent for e in result.events if isinstance(e, Understood)]
    assessed = [e.level for e in result.events if isinstance(e, Assessed)]
    text = "\n".join(r.text for r in result.replies)
    offered = {b.payload for r in result.replies for b in r.buttons}
    if "intent" in expect:
        assert understood[-1:] == [expect["intent"]], where
    if "language" in expect:
        assert result.state.language == expect["language"], where
    if "level" in expect:
        assert assessed[-1:] == [expect["level"]], f"{where}\n{text}"
    if "escalated" in expect:
        assert result.state.handoff is expect["escalated"], f"{where}\n{text}"
    for words in expect.get("says", ()):
        assert words in text, f"{where}: {words!r} not in\n{text}"
    for words in expect.get("not_says", ()):
        assert words not in text, f"{where}: {words!r} should not be in\n{text}"
    for payload in expect.get("buttons", ()):
        assert payload in offered, f"{where}: no button {payload!r} in {sorted(offered)}"
    if expect.get("silent"):
        assert result.replies == (), where


def test_there_are_enough_conversations_in_each_language() -> None:
    by_language = {"ru": 0, "ky": 0}
    for conv in CONVERSATIONS:
        by_language[conv["id"][:2]] += 1
    assert min(by_language.values()) >= 20, by_language
    assert len({c["id"] for c in CONVERSATIONS}) == len(CONVERSATIONS)


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_conversation(conversation: dict[str, Any], production_content: Content) -> None:
    state = DialogueState()
    for n, turn in enumerate(conversation["steps"]):
        result = step(state, turn_message(n, turn), production_content)
        check_turn(result, turn.get("expect") or {}, f"{conversation['id']} step {n}")
        state = result.state
