"""The dialogue engine alone: no database, no server, no event loop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Escalate, Forget, ToOperator, Understood
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, Mode
from bot.types import ConversationKey, MessageKind, UserMessage

KEY = ConversationKey("test", "1")
NOW = datetime(2026, 11, 27, tzinfo=UTC)


def say(
    content: Content, state: DialogueState, text: str = "", button: str | None = None, **kw: object
) -> Step:
    message = UserMessage(KEY, "x", NOW, text=text, button=button, **kw)  # type: ignore[arg-type]
    return step(state, message, content)


def payloads(result: Step) -> list[str]:
    return [b.payload for reply in result.replies for b in reply.buttons]


def test_first_russian_greeting_gets_welcome_privacy_and_menu_in_russian(content: Content) -> None:
    result = say(content, DialogueState(), "Здравствуйте")
    assert result.state.language == "ru"
    assert result.state.greeted
    assert "Сапар" in result.replies[0].text and "хранится" in result.replies[0].text
    assert {"lang_ky", "lang_ru", "check_offer", "operator", "danger"} <= set(payloads(result))
    assert result.replies[-1].buttons[0].title == "Проверить вакансию"


def test_first_kyrgyz_greeting_gets_kyrgyz_with_kyrgyz_letters(content: Content) -> None:
    result = say(content, DialogueState(), "Саламатсызбы")
    assert result.state.language == "ky"
    text = " ".join(r.text for r in result.replies)
    assert set("өүң") <= set(text)
    assert "Жумуш сунушун текшерүү" in [b.title for r in result.replies for b in r.buttons]


def test_language_button_fixes_the_language_for_later_replies(content: Content) -> None:
    state = say(content, DialogueState(), "Саламатсызбы").state
    switched = say(content, state, "Русский", button="lang_ru")
    assert switched.state.language == "ru" and switched.state.language_chosen
    later = say(content, switched.state, "саламатсызбы жардам керек")
    assert later.state.language == "ru"


def test_unknown_text_twice_hands_over_to_a_person(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    first = say(content, state, "абырвалг")
    assert first.state.misses == 1 and "menu" not in [e.name for e in first.events]
    assert not any(isinstance(e, Escalate) for e in first.events)
    second = say(content, first.state, "абырвалг")
    assert [e.reason for e in second.events if isinstance(e, Escalate)] == ["not_understood"]
    assert second.state.handoff


def test_operator_request_escalates_and_says_what_happens_next(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    result = say(content, state, "позовите человека")
    assert any(isinstance(e, Escalate) and e.reason == "asked_for_human" for e in result.events)
    assert "оператор" in result.replies[0].text.lower()


def test_emergency_on_first_contact_gives_numbers_in_the_same_turn(content: Content) -> None:
    result = say(content, DialogueState(), "помогите меня держат")
    danger = [r.text for r in result.replies if "112" in r.text or "189" in r.text]
    assert danger, result.replies
    assert any(isinstance(e, Escalate) and e.reason == "emergency" for e in result.events)


def test_while_with_operator_the_bot_stays_quiet(content: Content) -> None:
    state = DialogueState(language="ru", greeted=True, handoff=True)
    result = say(content, state, "когда ответите?")
    assert result.replies == ()
    assert [type(e) for e in result.events] == [Understood, ToOperator]


def test_while_with_operator_an_emergency_still_gets_numbers(content: Content) -> None:
    state = DialogueState(language="ru", greeted=True, handoff=True)
    result = say(content, state, "помогите")
    assert result.replies and "112" in result.replies[-1].text  # the numbers come last
    assert not any(isinstance(e, Escalate) for e in result.events)  # already with a person


def test_forget_asks_first_then_deletes(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    asked = say(content, state, "/forget")
    assert payloads(asked) == ["yes_forget", "no_forget"]
    assert not any(isinstance(e, Forget) for e in asked.events)
    done = say(content, asked.state, "Да, удалить", button="yes_forget")
    assert done.events == (Forget(),)
    assert done.state.greeted is False  # a fresh start


def test_forget_cancelled_deletes_nothing(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    asked = say(content, state, "/forget")
    kept = say(content, asked.state, "Нет", button="no_forget")
    assert not kept.events and kept.state.mode is Mode.IDLE


def test_a_stale_yes_forget_button_deletes_nothing(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    result = say(content, state, "Да", button="yes_forget")
    assert not any(isinstance(e, Forget) for e in result.events)


@pytest.mark.parametrize("payload", ["", "nonsense", "x" * 64, "lang_xx", "../../etc"])
def test_unknown_button_payload_shows_the_menu(content: Content, payload: str) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    result = say(content, state, "?", button=payload)
    assert "check_offer" in payloads(result)
    assert result.state.language == "ru"


def test_unsupported_media_gets_a_hint_in_the_users_language(content: Content) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    result = say(content, state, kind=MessageKind.UNSUPPORTED)
    assert "текст" in result.replies[0].text


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_message_gets_a_clear_answer(content: Content, text: str) -> None:
    result = say(content, DialogueState(language="ru", greeted=True), text)
    assert "пуст" in result.replies[0].text


def test_commands_work_with_bot_suffix(content: Content) -> None:
    state = DialogueState(language="ru", greeted=True)
    result = say(content, state, "/lang@SaparBot")
    assert payloads(result) == ["lang_ky", "lang_ru"]


def test_menu_button_check_offer_asks_for_the_offer(content: Content) -> None:
    state = DialogueState(language="ky", greeted=True)
    result = say(content, state, "Жумуш сунушун текшерүү", button="check_offer")
    assert result.state.mode == "awaiting_offer"
    assert "жарнама" in result.replies[0].text


def test_state_survives_json_round_trip(content: Content) -> None:
    import json

    result = say(content, DialogueState(), "Здравствуйте")
    restored = DialogueState.from_dict(json.loads(json.dumps(result.state.to_dict())))
    assert restored == result.state


@pytest.mark.parametrize("text", ["/forget", "да", "рахмат", "ok"])
def test_regression_one_word_or_command_does_not_switch_language(
    content: Content, text: str
) -> None:
    """A Kyrgyz chat once turned Russian on «/forget» (its Latin letters read as Russian)."""
    state = say(content, DialogueState(), "Саламатсызбы").state
    assert say(content, state, text).state.language == "ky"


def test_a_full_sentence_in_the_other_language_switches(content: Content) -> None:
    state = say(content, DialogueState(), "Саламатсызбы").state
    assert say(content, state, "я лучше понимаю по русски").state.language == "ru"


def test_emergency_with_unknown_country_asks_where_and_then_gives_its_numbers(
    content: Content,
) -> None:
    state = say(content, DialogueState(), "Здравствуйте").state
    danger = say(content, state, "помогите")
    assert any(p.startswith("country:") for p in payloads(danger))
    assert danger.state.handoff
    turkey = say(content, danger.state, "Турция", button="country:TR")
    assert turkey.state.country == "TR"
    assert "157" in turkey.replies[0].text and "189" in turkey.replies[0].text


def test_emergency_with_a_known_country_does_not_ask(content: Content) -> None:
    state = DialogueState(language="ru", greeted=True, location="KR")
    result = say(content, state, "помогите")
    assert not any(p.startswith("country:") for p in payloads(result))
    assert "112" in result.replies[-1].text and "Корея" in result.replies[-1].text


def test_regression_first_message_not_understood_gets_the_welcome_only(
    content: Content,
) -> None:
    """The welcome was followed by «не понял» although it already shows the menu."""
    result = say(content, DialogueState(), "абырвалг")
    assert [r.text for r in result.replies][-1] == content.text(
        "menu", result.state.language or "ky"
    )
    assert result.state.misses == 0
