"""Issue 13, item 5: a button answers the question it was sent with, or nothing.

After «Нет» to one question, tapping an earlier «Да» recorded a yes to the fees question
(«Высокий риск»). Buttons now carry their question; old payloads never crash.
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


def _at_fees(content: Content) -> DialogueState:
    state = say(content, RU, OFFER).state
    state = say(content, state, button="offer_no:passport").state
    assert (state.mode, state.question) == (Mode.OFFER_QUESTION, "fees")
    return state


def test_an_earlier_yes_does_not_answer_the_fees_question(content: Content) -> None:
    state = _at_fees(content)
    result = say(content, state, button="offer_yes:passport")
    assert not [e for e in result.events if isinstance(e, Assessed)]
    assert result.state.offer == state.offer and result.state.question == "fees"
    assert "уже ответили" in result.replies[0].text
    assert "offer_yes:fees" in payloads(result)


@pytest.mark.parametrize(
    "payload", ["offer_yes", "offer_no", "offer_skip", "offer_yes:", "offer_no:zzz", "offer_resume"]
)
def test_old_or_forged_payloads_answer_nothing_and_ask_again(
    content: Content, payload: str
) -> None:
    state = _at_fees(content)
    result = say(content, state, button=payload)
    assert result.state.offer == state.offer and result.state.skipped == ()
    assert "offer_yes:fees" in payloads(result)


@pytest.mark.parametrize("payload", ["offer_yes", "offer_yes:fees", "offer_resume:fees"])
def test_an_offer_button_after_the_check_is_over_gets_the_menu(
    content: Content, payload: str
) -> None:
    result = say(content, RU, button=payload)
    assert "check_offer" in payloads(result)
    assert not [e for e in result.events if isinstance(e, Assessed)]


def test_a_question_removed_from_the_catalogue_since_moves_on(content: Content) -> None:
    state = _at_fees(content).but(question="question_editors_removed")
    result = say(content, state, button="offer_yes:passport")
    assert result.state.question != "question_editors_removed"
    assert any(p.startswith("offer_yes:") for p in payloads(result))


def test_while_queued_the_buttons_still_answer_with_an_operator_they_do_not(
    content: Content,
) -> None:
    state = _at_fees(content)
    queued = say(content, state.but(handoff=True, waiting=True), button="offer_yes:fees")
    assert [e.level for e in queued.events if isinstance(e, Assessed)] == ["high"]
    held = say(content, state.but(handoff=True, waiting=False), button="offer_yes:fees")
    assert not [e for e in held.events if isinstance(e, Assessed)]
    assert held.state.offer == state.offer
