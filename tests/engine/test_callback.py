"""A callback request out of hours, as a transcript through the pure engine: a time, a way
back, a number kept out of the state; stale buttons and odd input mid-way break nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from bot.engine.content.model import Content
from bot.engine.dialogue import callback
from bot.engine.dialogue.events import CallbackRequested, Escalate
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, QueueInfo
from bot.types import ConversationKey, UserMessage

KEY = ConversationKey("test", "1")
NOW = datetime(2026, 12, 5, 22, tzinfo=UTC)
CLOSED = QueueInfo(place=1, open_now=False, hours="пн–пт 09:00–18:00")
_ids = count(1)


def queued(language: str = "ru") -> DialogueState:
    """A chat queued out of hours, as the services hand it to the engine."""
    return DialogueState(language=language, greeted=True, handoff=True, waiting=True, queue=CLOSED)


def say(content: Content, state: DialogueState, text: str = "", button: str | None = None) -> Step:
    message = UserMessage(KEY, f"m{next(_ids)}", NOW, text=text, button=button)
    return step(state, message, content)


def requested(result: Step) -> list[CallbackRequested]:
    return [e for e in result.events if isinstance(e, CallbackRequested)]


def payloads(result: Step) -> list[str]:
    return [b.payload for r in result.replies for b in r.buttons]


def test_a_russian_user_leaves_a_phone_number_for_the_morning(content: Content) -> None:
    start = say(content, queued(), button="callback")
    assert "Когда оператору удобнее" in start.replies[0].text
    assert payloads(start) == [
        "cb_time:morning", "cb_time:afternoon", "cb_time:evening", "cb_time:any", "cb_cancel",
    ]  # fmt: skip
    timed = say(content, start.state, button="cb_time:morning")
    assert payloads(timed) == ["cb_via:chat", "cb_via:phone", "cb_cancel"]
    phone = say(content, timed.state, button="cb_via:phone")
    assert "номер телефона" in phone.replies[0].text and phone.state.callback == "phone"
    wrong = say(content, phone.state, "мой номер потом скажу")
    assert "не похоже на номер" in wrong.replies[0].text and not requested(wrong)
    done = say(content, wrong.state, "+996 (555) 12-34-56")
    assert requested(done) == [CallbackRequested("morning", "phone", "+996555123456")]
    assert "позвонит" in done.replies[0].text
    assert done.state.callback is None and done.state.callback_time is None
    assert "555" not in str(done.state.to_dict())  # the number never enters the state
    assert done.state.waiting  # the chat stays queued


def test_a_kyrgyz_user_writes_the_time_and_chooses_this_chat(content: Content) -> None:
    start = say(content, queued("ky"), button="callback")
    assert "ыңгайлуу" in start.replies[0].text
    assert start.replies[0].buttons[0].title == "Эртең менен"
    timed = say(content, start.state, "саат 19дан кийин")
    assert timed.state.callback == "via" and timed.state.callback_time == "саат 19дан кийин"
    done = say(content, timed.state, button="cb_via:chat")
    assert requested(done) == [CallbackRequested("саат 19дан кийин", "chat", None)]
    assert "ушул чатка жазат" in done.replies[0].text


def test_a_number_typed_instead_of_choosing_the_way_is_a_phone_request(content: Content) -> None:
    timed = say(content, say(content, queued(), button="callback").state, button="cb_time:any")
    done = say(content, timed.state, "0555 123 456")
    assert requested(done) == [CallbackRequested("any", "phone", "0555123456")]
    odd = say(content, timed.state, "не знаю")
    assert not requested(odd) and payloads(odd)[:2] == ["cb_via:chat", "cb_via:phone"]


def test_stale_and_forged_buttons_are_answered_and_break_nothing(content: Content) -> None:
    idle = DialogueState(language="ru", greeted=True)
    for payload in ("callback", "cb_time:morning", "cb_via:phone", "cb_cancel", "cb_time:"):
        result = say(content, idle, button=payload)
        assert "уже не действует" in result.replies[0].text and not requested(result)
    start = say(content, queued(), button="callback")
    for payload in ("cb_via:phone", "cb_time:midnight", "cb_via:"):  # not this question's
        result = say(content, start.state, button=payload)
        assert not requested(result) and result.state.callback == "time"
    timed = say(content, start.state, button="cb_time:evening")
    again = say(content, timed.state, button="cb_time:morning")  # the older question's button
    assert again.state.callback == "via" and again.state.callback_time == "evening"


def test_cancel_a_command_or_a_cry_for_help_ends_the_request(content: Content) -> None:
    start = say(content, queued(), button="callback")
    cancelled = say(content, start.state, button="cb_cancel")
    assert "заявка отменена" in cancelled.replies[0].text and cancelled.state.callback is None
    phone = say(content, say(content, start.state, button="cb_time:any").state,
                button="cb_via:phone")  # fmt: skip
    help_now = say(content, phone.state, "помогите, меня держат")
    assert help_now.state.callback is None and not requested(help_now)
    assert "112" in " ".join(r.text for r in help_now.replies)
    command = say(content, phone.state, "/help")
    assert command.state.callback is None
    menu = say(content, phone.state, button="withdraw_operator")
    assert menu.state.callback is None and not menu.state.waiting


def test_the_phone_check_is_loose_but_not_blind() -> None:
    assert callback.phone_number("+7 912 345-67-89") == "+79123456789"
    assert callback.phone_number("555 123") is None  # too short
    assert callback.phone_number("звоните на 555123456") is None  # words: not only a number
    assert callback.phone_number("1" * 16) is None


def test_a_request_starts_only_while_queued_and_escalation_is_not_repeated(
    content: Content,
) -> None:
    start = say(content, queued(), button="callback")
    assert not [e for e in start.events if isinstance(e, Escalate)]
    held = queued().but(waiting=False)  # an operator has the chat already
    assert "уже не действует" in say(content, held, button="callback").replies[0].text
