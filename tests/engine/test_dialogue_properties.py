"""Property: no message from a user, in any state, goes unanswered.

2,000 random sequences of texts and buttons (stale and forged ones included, /forget
anywhere, emoji, offers, questions mid-flow) go through the production engine. The services'
part is played too: an escalation queues the chat, an operator may take it or close it.

"Answered" means: the step replied; or a person has the chat and the message went to them;
or the chat waits in the queue, the message went to the hotline and the user was told so
less than `waiting.ACK_EVERY` ago.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue import waiting
from bot.engine.dialogue.events import Escalate, Forget, ToOperator, Withdraw
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, QueueInfo
from bot.types import ConversationKey, MessageKind, UserMessage

SEQUENCES = 2000
TEXTS = (
    "Здравствуйте", "салам", "саламатсызбы", "да", "нет", "ооба", "жок", "ова", "агась", "ок",
    "не-не", "жок жок", "спасибо", "рахмат", "👍", "😭😭😭", "🙏", "???", ".", "1", "ааааа",
    "/start", "/forget", "/lang", "/operator", "/help", "/unknown", "/forget@sapar_bot",
    "удалить мои данные", "менин маалыматтарымды өчүрүңүз", "оператор керек эмес",
    "оператор не нужен", "хочу поговорить с человеком", "адам менен сүйлөшкүм келет",
    "помогите меня держат взаперти", "мени сабап жатышат жардам бериңиз", "я в Москве",
    "паспорт забрал работодатель", "нужен ли патент в России для кыргызстанцев",
    "Кореяга кантип барса болот", "Түркияда иштесе болобу", "как получить регистрацию",
    "не платят зарплату", "хочу проверить вакансию", "жумуш сунушун текшерейин",
    "Корея без экзамена, туристическая виза, зарплата 3000$, предоплата 1500$",
    "Работа в Дубае для девушек, хостес, 3000$, паспорт отдадите менеджеру. Пиши @vip_job",
    "ООО «ТеплоМонтаж», Екатеринбург. Трудовой договор, 90 000 руб., график 5/2, жильё.",
    "kyrgyzcha jazynyzchy", "по-русски пожалуйста", "asdkjh qwe", "ну что там", "алло",
    "\u202eпривет\u202c", "x" * 300,
)  # fmt: skip
BUTTONS = (
    "lang_ky", "lang_ru", "check_offer", "ask_question", "operator", "danger",
    "change_language", "yes_forget", "no_forget", "withdraw_operator", "country:RU",
    "country:KG", "country:XX", "more:unpaid_wages", "more:nope", "answer:legal_stay:RU",
    "answer:legal_stay:ZZ", "offer_yes", "offer_no", "offer_unknown", "offer_yes:fees",
    "offer_no:passport", "garbage", "", ":", "more:", "answer::",
)  # fmt: skip
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _message(rng: random.Random, n: int, at: datetime) -> UserMessage:
    key = ConversationKey("prop", "1")
    if rng.random() < 0.3:
        payload = rng.choice(BUTTONS)
        return UserMessage(key, str(n), at, text="", button=payload, kind=MessageKind.BUTTON)
    if rng.random() < 0.02:
        return UserMessage(key, str(n), at, text="", kind=MessageKind.UNSUPPORTED)
    return UserMessage(key, str(n), at, text=rng.choice(TEXTS))


def _services(rng: random.Random, result: Step) -> DialogueState:
    """What the services do between two steps: queue, hand to an operator, close."""
    state = result.state
    if any(isinstance(e, (Forget, Withdraw)) for e in result.events):
        return state.but(handoff=False, waiting=False, queue=None)
    if any(isinstance(e, Escalate) for e in result.events) or (state.handoff and state.waiting):
        state = state.but(handoff=True, waiting=True, queue=QueueInfo(place=rng.randint(1, 9)))
    if state.waiting and rng.random() < 0.15:  # an operator takes the chat
        state = state.but(waiting=False, queue=None)
    elif state.handoff and not state.waiting and rng.random() < 0.15:  # …and closes it
        state = state.but(handoff=False, acked_at=None)
    return state


def _answered(before: DialogueState, result: Step, at: datetime) -> bool:
    if result.replies:
        return True
    forwarded = any(isinstance(e, ToOperator) for e in result.events)
    if before.handoff and not before.waiting:
        return forwarded
    told = waiting.acked_recently(result.state, at)
    return before.waiting and forwarded and told


@pytest.mark.parametrize("block", range(10))
def test_no_message_goes_unanswered(block: int, production_content: Content) -> None:
    for seed in range(block * SEQUENCES // 10, (block + 1) * SEQUENCES // 10):
        rng = random.Random(seed)
        state, at, trail = DialogueState(), T0, []
        for n in range(rng.randint(3, 12)):
            at += timedelta(minutes=rng.choice((0, 0, 1, 2, 7)))
            message = _message(rng, n, at)
            trail.append(message.button or message.text[:40] or message.kind.value)
            result = step(state, message, production_content)
            assert all(r.text.strip() for r in result.replies), (seed, trail)
            assert _answered(state, result, at), (seed, trail, state)
            state = _services(rng, result)
