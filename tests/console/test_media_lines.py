"""Issue 17: an operator sees that a voice note or a location arrived, never what it held."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.app import Sapar
from bot.types import ConversationKey, Media, MessageKind, Point, UserMessage
from tests.console.conftest import Login, csrf_of, hand_over
from tests.console.test_chat import conversation_of


async def test_the_transcript_says_what_arrived_and_not_where(sapar: Sapar, login: Login) -> None:
    handoff_id = await hand_over(sapar, chat="media-chat")
    conv = await conversation_of(sapar, handoff_id)
    key = ConversationKey(conv.channel, conv.chat_id)
    for n, (media, point) in enumerate(
        [(Media.VOICE, None), (Media.LOCATION, Point(41.008238, 28.978359))]
    ):
        outcome = await sapar.conversations.receive(
            UserMessage(
                key,
                f"media-{n}",
                datetime.now(UTC),
                kind=MessageKind.UNSUPPORTED,
                media=media,
                point=point,
            )
        )
        assert outcome.escalated
    http = await login("operator")
    await csrf_of(http, "/console")
    page = await http.get(f"/console/chats/{handoff_id}")
    assert "пользователь прислал: голосовое сообщение; открыть это здесь нельзя" in page.text
    assert "геолокация (использована только страна)" in page.text
    assert "41.008" not in page.text and "28.978" not in page.text
    assert "Турция" in page.text  # the numbers the bot gave, as the operator should know
