"""Issue 13, item 9: every question Sapar asks has buttons and understands a typed answer.

«Подробнее» on unpaid wages ended «Хотите, я передам разговор оператору 189?» with no
buttons, and «да» / «ооба» got «не понял».
"""

from __future__ import annotations

import re

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.state import DialogueState
from tests.engine.test_dialogue import payloads, say

# Texts that ask, and what answers them. A new question in dialogues/ must be added here
# with its buttons and typed answers, or be written as a statement.
ASKING = {
    "menu": "the main menu's buttons; any typed request",
    "greeting": "the main menu's buttons",
    "thanks": "the main menu's buttons",
    "ask_country": "one button per country",
    "forget_confirm": "yes_forget / no_forget buttons",
    "survey_question": "rate:<handoff>:up / rate:<handoff>:down buttons (dialogue/survey.py)",
    "callback_ask_time": "cb_time:<time> buttons, or the time in words (dialogue/callback.py)",
    "callback_ask_via": "cb_via:<way> buttons, or a typed number (dialogue/callback.py)",
}
# A question mark ending a word, outside «quotes» (not the «?» of a pattern in an admin text).
QUESTION = re.compile(r"\?(?=\s|$)(?![^«]*»)")


def test_only_known_texts_ask_a_question(content: Content) -> None:
    asking = {
        key
        for key, texts in content.texts.items()
        if any(QUESTION.search(text) for text in texts.values())
    }
    assert asking == set(ASKING)


def test_no_answer_ends_with_a_question(content: Content) -> None:
    for answer in content.answers.values():
        for variant in (answer.general, *answer.by_country.values()):
            for texts in (variant.short, variant.more):
                for lang, text in texts.items():
                    for line in text.splitlines():
                        assert not line.rstrip().endswith("?"), f"{answer.id} ({lang}): {line}"


@pytest.mark.parametrize("typed", ["да", "ооба", "ова", "агась", "ок", "нет", "жок", "не-не"])
def test_a_typed_yes_or_no_after_more_is_not_a_miss(
    production_content: Content, typed: str
) -> None:
    state = DialogueState(language="ru", greeted=True)
    more = say(production_content, state, button="more:unpaid_wages")
    assert "operator" in payloads(more)
    result = say(production_content, more.state, typed)
    assert result.state.misses == 0 and not result.state.handoff
    assert "не понял" not in result.replies[0].text
