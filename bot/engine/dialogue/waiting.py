"""While people have the chat: the waiting user is never left without a word.

Queued (no operator yet): every message reaches the hotline; the user is told so, with their
place in the queue, the expected wait and the hours, once every few minutes (not per
message); what the bot can answer it still answers; emergencies get the numbers; the user
may withdraw the request. With an operator: the bot stays quiet except for emergencies.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.engine.dialogue import emergency
from bot.engine.dialogue.events import ToOperator, Withdraw
from bot.engine.dialogue.state import DialogueState, Mode
from bot.engine.dialogue.turn import Turn
from bot.engine.nlu.intent import Intent
from bot.engine.text.language import fold

ACK_EVERY = timedelta(minutes=5)
# Taking someone out of the queue by mistake would leave them alone: a typed withdrawal must
# say "no" in so many words (folded text: Latin → Cyrillic, ө → о …), whatever the classifier.
_SAYS_NO = re.compile(
    r"(?<![а-я])(?:эмес|жок|кереги|керексиз|кербей|токтот|не|нет|ненадо|отмен[а-я]*|отбой|"
    r"передумал[а-я]*)(?![а-я])"
)
WITHDRAW = "withdraw_operator"
# Texts the bot has nothing to add to while a person is on the way: they are for the person.
FOR_THE_OPERATOR = frozenset(
    {"talk_to_operator", "out_of_scope", "greet", "thanks", "goodbye", "passport_taken"}
)


def acked_recently(state: DialogueState, now: datetime) -> bool:
    """Was the user told they are queued less than ACK_EVERY ago?"""
    if state.acked_at is None:
        return False
    try:
        last = datetime.fromisoformat(state.acked_at)
    except ValueError:
        return False
    return timedelta(0) <= now - last < ACK_EVERY


def acknowledge(turn: Turn, now: datetime, *, force: bool = False) -> None:
    """«Your message reached the hotline; you are number N, about M minutes; hours …»."""
    if not force and acked_recently(turn.state, now):
        return
    queue = turn.state.queue
    parts = [turn.content.text("waiting_received", turn.lang)]
    if queue is not None:
        parts.append(turn.content.text("waiting_place", turn.lang, place=queue.place))
        if queue.wait_minutes is not None and queue.open_now:
            parts.append(turn.content.text("waiting_wait", turn.lang, minutes=queue.wait_minutes))
        if not queue.open_now and queue.hours:
            parts.append(turn.content.text("waiting_closed", turn.lang, hours=queue.hours))
    hotline = emergency.hotline_for(turn.content, turn.state.location, turn.lang)
    parts.append(turn.content.text("waiting_meanwhile", turn.lang, hotline=hotline))
    turn.say_text(" ".join(parts), turn.menu("waiting"))
    turn.state = turn.state.but(acked_at=now.isoformat())


def withdraw(turn: Turn) -> None:
    """The user no longer wants a person: the bot answers again."""
    turn.events.append(Withdraw())
    turn.state = turn.state.but(handoff=False, waiting=False, queue=None, acked_at=None)
    turn.say("handoff_withdrawn", turn.menu())


def on_text(turn: Turn, text: str, intent: Intent, now: datetime) -> bool:
    """Handle text while people have the chat; False when the bot should answer it as usual."""
    if not turn.state.waiting:
        if intent.name == "emergency":
            emergency.emergency(turn)
        else:
            turn.events.append(ToOperator())
        return True
    if intent.name == "cancel_operator" and _SAYS_NO.search(fold(text)):
        withdraw(turn)
        return True
    turn.events.append(ToOperator())
    if intent.name in FOR_THE_OPERATOR and turn.state.mode != Mode.OFFER_QUESTION:
        acknowledge(turn, now, force=intent.name == "talk_to_operator")
        return True
    acknowledge(turn, now)
    return False


def on_button(turn: Turn, payload: str, now: datetime) -> bool:
    """The withdraw button and menu buttons while queued; False for the usual handling."""
    if payload == WITHDRAW:
        if turn.state.waiting:
            withdraw(turn)
        elif turn.state.handoff:
            turn.events.append(ToOperator(payload))
            turn.say("handoff_withdraw_late")
        else:
            turn.say("menu", turn.menu())
        return True
    if turn.state.waiting and payload == "operator":
        turn.events.append(ToOperator(payload))
        acknowledge(turn, now, force=True)
        return True
    return False
