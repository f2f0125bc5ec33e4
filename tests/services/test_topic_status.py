"""The states a topic tells and their words: a transfer is a change, a close names its outcome,
a withdrawal and a return to the queue say what the topic's readers may do."""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.services.operators.topic_status import state_of, words
from tests.services.test_topic_text import entry


def test_each_holder_is_a_state_of_its_own() -> None:
    assert state_of(entry()) == "queued"
    assert state_of(entry(status="claimed", operator_id=3)) == "claimed:3"
    assert state_of(entry(status="claimed", operator_id=4)) == "claimed:4"
    assert state_of(entry(status="closed", outcome="advised")) == "closed"


def test_the_words_of_each_state(content: Content) -> None:
    claimed = words(content, entry(status="claimed", operator_id=3), "aigul")
    assert claimed.startswith("✅ Чат взял(а) aigul.")
    assert words(content, entry(), "—").startswith("↩ Чат вернулся в очередь")
    withdrawn = entry(status="closed", outcome="withdrawn")
    assert words(content, withdrawn, "—").startswith("Человек отказался от оператора")
    closed = words(content, entry(status="closed", outcome="referred_shelter"), "aigul")
    assert closed.startswith("🔒 aigul закрыл(а) чат: ") and "—" not in closed
