"""Issue 13, item 6: a question asked during an offer check is answered, not added to it.

«нужен ли патент в России для кыргызстанцев» got «Учёл. Обновлённая оценка…» and the
passport question again; emoji and random text too.
"""

from __future__ import annotations

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Assessed
from bot.engine.dialogue.state import DialogueState, Mode
from tests.engine.test_dialogue import payloads, say

OFFER = (
    "Набор на птицефабрику в Казахстан, г. Алматы. Зарплата 250 000 тенге в месяц, "
    "питание и жильё бесплатно. Звоните +7 701 555 44 33, Марат"
)
RU = DialogueState(language="ru", greeted=True)


@pytest.fixture
def waiting(production_content: Content) -> DialogueState:
    state = say(production_content, RU, OFFER).state
    assert (state.mode, state.question) == (Mode.OFFER_QUESTION, "passport")
    return state


def _assessed(result: object) -> list[Assessed]:
    return [e for e in result.events if isinstance(e, Assessed)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["🙂", "👍👍", "...", "фывапр олдж"])
def test_emoji_and_slips_ask_the_question_again(
    production_content: Content, waiting: DialogueState, text: str
) -> None:
    result = say(production_content, waiting, text)
    assert not _assessed(result)
    assert result.state.offer == waiting.offer and result.state.question == "passport"
    assert "offer_yes:passport" in payloads(result)
    assert not result.state.handoff and result.state.misses == 0


def test_switching_language_mid_check_keeps_the_check_waiting(
    production_content: Content, waiting: DialogueState
) -> None:
    result = say(production_content, waiting, "кыргызча жазыңызчы")
    assert result.state.language == "ky" and not _assessed(result)
    assert "offer_resume:passport" in payloads(result)
    back = say(production_content, result.state, button="offer_resume:passport")
    assert back.replies[-1].text.startswith("Паспортуңуз")  # asked again, now in Kyrgyz


def test_where_the_passport_stays_is_a_fact_that_settles_the_question(
    production_content: Content, waiting: DialogueState
) -> None:
    kept = say(production_content, waiting, "паспорт будет у меня")
    assert _assessed(kept)[-1].level == "medium" and kept.state.question == "fees"
    taken = say(production_content, waiting, "паспорт у меня заберут")
    assert _assessed(taken)[-1].level == "critical"


def test_a_no_that_goes_on_with_a_fact_keeps_the_fact(
    production_content: Content, waiting: DialogueState
) -> None:
    result = say(production_content, waiting, "нет, но за оформление просят 15 000")
    assert _assessed(result)[-1].level == "high"
    assert "за оформление просят 15 000" in result.replies[0].text


@pytest.mark.parametrize("text", ["не знаю", "Билбейм", "bilbeim"])
def test_a_typed_dont_know_skips_the_question(
    production_content: Content, waiting: DialogueState, text: str
) -> None:
    result = say(production_content, waiting, text)
    assert result.state.skipped == ("passport",) and result.state.question == "fees"
    assert result.state.offer == waiting.offer
