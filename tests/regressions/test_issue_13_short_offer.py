"""Issue 13, item 8: a short text with several offer facts is an offer, first or later.

«Корея без экзамена, туристическая виза, зарплата 3000$, предоплата 1500$» as the first
message got «Пришлите текст вакансии».
"""

from __future__ import annotations

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Assessed
from bot.engine.dialogue.state import DialogueState
from tests.engine.test_dialogue import say

GREETED = DialogueState(language="ru", greeted=True)


def _levels(content: Content, state: DialogueState, text: str) -> list[str]:
    return [e.level for e in say(content, state, text).events if isinstance(e, Assessed)]


@pytest.mark.parametrize(
    "text",
    [
        "Корея без экзамена, туристическая виза, зарплата 3000$, предоплата 1500$",
        "Кореяга экзаменсиз, туристтик виза, айлык 3000$, алдын ала 1500$ төлөйсүз",
        "Koreyaga ekzamensiz, turistik viza, aylyk 3000$, aldyn ala 1500$",
    ],
)
@pytest.mark.parametrize("state", [DialogueState(), GREETED], ids=["first", "later"])
def test_a_short_offer_is_checked(
    production_content: Content, text: str, state: DialogueState
) -> None:
    assert _levels(production_content, state, text) == ["critical"]


@pytest.mark.parametrize(
    "text",
    [
        "какая зарплата в Корее на заводе?",
        "сколько платят на стройке в Москве",
        "Кореяга виза канча турат",
        "нужен ли патент в России для кыргызстанцев",
        "Корея",
    ],
)
def test_a_short_question_is_not_an_offer(production_content: Content, text: str) -> None:
    assert _levels(production_content, GREETED, text) == []
