"""Satisfaction after close in the engine: a button counts once, a comment follows a rating."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.engine.content.model import Content
from bot.engine.dialogue import survey
from bot.engine.dialogue.events import Commented, Forget, Rated
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, Mode
from bot.types import ConversationKey, UserMessage

KEY = ConversationKey("test", "1")
NOW = datetime(2026, 12, 1, tzinfo=UTC)
ASKED = DialogueState(language="ru", greeted=True, survey="7")


def say(content: Content, state: DialogueState, text: str = "", button: str | None = None) -> Step:
    return step(state, UserMessage(KEY, "x", NOW, text=text, button=button), content)


def events(result: Step, kind: type) -> list[object]:
    return [e for e in result.events if isinstance(e, kind)]


def test_the_question_has_two_buttons_in_the_users_language(content: Content) -> None:
    ky = survey.question(content, "ky", "7")
    ru = survey.question(content, "ru", "7")
    assert [b.payload for b in ky.buttons] == ["rate:7:up", "rate:7:down"]
    assert "жардам бердиби" in ky.text and set("өү") & set(ky.text)
    assert "Помог ли вам оператор" in ru.text and ru.buttons[0].title == "👍 Помог"


def test_a_press_counts_once_and_a_second_press_is_only_thanked(content: Content) -> None:
    first = say(content, ASKED, button="rate:7:up")
    assert events(first, Rated) == [Rated("7", "up")]
    assert first.state.survey is None and first.state.commenting == "7"
    assert "rate_skip" in [b.payload for r in first.replies for b in r.buttons]

    again = say(content, first.state, button="rate:7:down")
    assert events(again, Rated) == [] and "уже принят" in again.replies[0].text
    assert again.state.commenting == "7"  # a double press still lets the comment follow
    menu = say(content, again.state, button="check_offer")
    assert menu.state.commenting is None  # any other message after the rating ends it


def test_an_older_or_forged_question_counts_nothing(content: Content) -> None:
    for payload in ("rate:6:up", "rate:7:meh", "rate::up", "rate:"):
        result = say(content, ASKED, button=payload)
        assert events(result, Rated) == [] and result.state.survey == "7"


def test_the_text_after_a_rating_is_its_comment_and_only_that_one(content: Content) -> None:
    rated = say(content, ASKED, button="rate:7:down").state
    commented = say(content, rated, "Долго ждал ответа")
    assert events(commented, Commented) == [Commented("Долго ждал ответа")]
    assert commented.state.commenting is None
    later = say(content, commented.state, "Долго ждал ответа")
    assert events(later, Commented) == []


def test_skip_ends_the_question_without_a_comment(content: Content) -> None:
    rated = say(content, ASKED, button="rate:7:up").state
    skipped = say(content, rated, button="rate_skip")
    assert events(skipped, Commented) == [] and skipped.state.commenting is None
    assert "Спасибо" in skipped.replies[0].text


def test_forget_or_a_cry_for_help_is_never_taken_for_a_comment(content: Content) -> None:
    rated = say(content, ASKED, button="rate:7:up").state
    forget = say(content, rated, "/forget")
    assert events(forget, Commented) == [] and forget.state.mode == Mode.CONFIRM_FORGET
    gone = say(content, forget.state, button="yes_forget")
    assert events(gone, Forget) and gone.state.survey is None
    stale = say(content, gone.state, button="rate:7:up")
    assert events(stale, Rated) == []

    danger = say(content, rated, "/operator")
    assert events(danger, Commented) == [] and danger.state.handoff


def test_pressing_before_the_rating_while_asked_routes_a_forget_normally(content: Content) -> None:
    forget = say(content, ASKED, "/forget")
    gone = say(content, forget.state, button="yes_forget")
    assert gone.state.survey is None
    assert events(say(content, gone.state, button="rate:7:up"), Rated) == []
