"""Issue 13, items 1–4 and 10: waiting for a person, /forget, and emergency numbers.

Each test replays what a new user did, through the production engine and content.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Forget, ToOperator, Withdraw
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, QueueInfo
from bot.types import ConversationKey, MessageKind, UserMessage

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def say(
    content: Content, state: DialogueState, text: str = "", *, button: str | None = None,
    minutes: float = 0,
) -> Step:  # fmt: skip
    message = UserMessage(
        key=ConversationKey("test", "1"),
        external_id=f"{text}{button}{minutes}",
        received_at=T0 + timedelta(minutes=minutes),
        text=text,
        button=button,
        kind=MessageKind.BUTTON if button else MessageKind.TEXT,
    )
    return step(state, message, content)


def texts(result: Step) -> str:
    return "\n".join(r.text for r in result.replies)


def payloads(result: Step) -> set[str]:
    return {b.payload for r in result.replies for b in r.buttons}


QUEUED = DialogueState(language="ru", greeted=True, handoff=True, waiting=True).but(
    queue=QueueInfo(place=2, wait_minutes=15)
)


def test_issue_13_silence_while_waiting(production_content: Content) -> None:
    first = say(production_content, QUEUED, "алло вы тут")
    assert "2-й в очереди" in texts(first) and "15 мин" in texts(first)
    assert "withdraw_operator" in payloads(first)
    assert any(isinstance(e, ToOperator) for e in first.events)
    # A question a minute later is answered, without repeating where they stand.
    asked = say(production_content, first.state, "нужна ли регистрация в России", minutes=1)
    assert asked.replies and "в очереди" not in texts(asked)
    # An emergency: the numbers, last.
    danger = say(production_content, asked.state, "помогите меня бьют", minutes=2)
    assert danger.replies[-1].calls and "112" in danger.replies[-1].text
    # Ten minutes later they hear again where they stand.
    later = say(production_content, danger.state, "ну что там", minutes=12)
    assert "в очереди" in texts(later)


def test_issue_13_silence_while_waiting_outside_hours(production_content: Content) -> None:
    closed = QUEUED.but(queue=QueueInfo(place=1, open_now=False, hours="пн–пт 09:00–18:00"))
    told = say(production_content, closed, "есть кто")
    assert "не работают" in texts(told) and "09:00–18:00" in texts(told)


def test_issue_13_withdraw_by_text_and_by_button(production_content: Content) -> None:
    typed = say(production_content, QUEUED, "оператор уже не нужен")
    assert Withdraw() in typed.events and not typed.state.handoff
    assert "отменил" in texts(typed)
    pressed = say(production_content, QUEUED, button="withdraw_operator")
    assert Withdraw() in pressed.events and not pressed.state.handoff
    ky = QUEUED.but(language="ky")
    assert Withdraw() in say(production_content, ky, "оператор керек эмес").events


def test_issue_13_waiting_for_the_operator_is_not_a_withdrawal(production_content: Content) -> None:
    for text in ("операторду күтөм", "оператор керек", "жду оператора"):
        result = say(production_content, QUEUED, text)
        assert Withdraw() not in result.events and result.state.handoff, text


def test_issue_13_forget_typed_yes_deletes_and_the_chat_starts_clean(
    production_content: Content,
) -> None:
    for asked, yes in (("/forget", "Да"), ("удалить мои данные", "да"),
                       ("менин маалыматтарымды өчүрүңүз", "ооба"),
                       ("/forget", "ова"), ("/forget", "агась")):  # fmt: skip
        state = DialogueState(language="ru", greeted=True)
        confirm = say(production_content, state, asked)
        assert payloads(confirm) == {"yes_forget", "no_forget"}, asked
        done = say(production_content, confirm.state, yes)
        assert Forget() in done.events, asked
        assert done.replies[-1].clears and done.state.greeted is False


def test_issue_13_forget_typed_no_keeps_everything(production_content: Content) -> None:
    confirm = say(production_content, DialogueState(language="ru", greeted=True), "/forget")
    for no in ("нет", "не-не", "жок жок"):
        kept = say(production_content, confirm.state, no)
        assert Forget() not in kept.events, no
        assert "не удалено" in texts(kept) or "өчүрүлгөн жок" in texts(kept), no


def test_issue_13_emergency_numbers_from_the_wrong_country(production_content: Content) -> None:
    asked = say(
        production_content, DialogueState(language="ky", greeted=True), "Түркияда иштесе болобу"
    )
    assert asked.state.location is None
    danger = say(production_content, asked.state, "мени сабап жатышат жардам бериңиз")
    last = danger.replies[-1]
    assert not last.text.split("\n\n")[1].startswith("Түркия")  # not as if they were there
    assert "country:TR" in {b.payload for b in last.buttons}  # they are asked where they are
    assert "Кыргызстан" in last.text and "112" in last.text


def test_issue_13_emergency_numbers_scroll_away(production_content: Content) -> None:
    first = say(
        production_content,
        DialogueState(),
        "помогите меня держат в квартире в Москве забрали телефон",
    )
    assert "Сапар" in first.replies[0].text  # who we are comes first…
    last = first.replies[-1]
    assert "112" in last.text and "+7 925 115 50 47" in last.calls  # …the numbers last
    assert first.state.location == "RU"


def test_issue_13_189_for_people_abroad(production_content: Content) -> None:
    in_russia = DialogueState(language="ru", greeted=True, location="RU")
    danger = say(production_content, in_russia, "помогите")
    numbers = danger.replies[-1]
    assert "189" not in numbers.calls
    assert "работает только внутри Кыргызстана" in numbers.text
    answer = say(production_content, in_russia, "не платят зарплату что делать")
    assert "189" in texts(answer) and "+7 925 115 50 47" in texts(answer)
    at_home = DialogueState(language="ru", greeted=True, location="KG")
    assert "189" in say(production_content, at_home, "помогите").replies[-1].calls
