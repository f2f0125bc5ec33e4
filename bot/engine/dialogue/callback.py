"""A callback request outside the operators' hours: a preferred time, then how to reach back.

The services offer it (`offer_button`) under the out-of-hours notice of a queued chat; the
engine asks one question at a time. The time is a button (morning, afternoon, evening, any
time) or the user's own words; the way back is this chat or a phone call, and a call needs a
number, checked loosely. The number never enters the saved state: it leaves the step at once
in `CallbackRequested`. A stale or forged button, a command or a cry for help never breaks
anything: the question is asked again, the flow ends quietly, or the user hears it is over.
"""

from __future__ import annotations

import re

from bot.engine.content.model import Content
from bot.engine.dialogue.events import CallbackRequested
from bot.engine.dialogue.turn import Turn
from bot.engine.nlu.intent import Intent
from bot.types import Button

START = "callback"
TIME = "cb_time:"  # cb_time:<one of TIMES>
VIA = "cb_via:"  # cb_via:<one of VIAS>
CANCEL = "cb_cancel"
TIMES = ("morning", "afternoon", "evening", "any")
VIAS = ("chat", "phone")
MAX_TIME_TEXT = 100
# What ends the flow and is answered by the dialogue as always.
NOT_ANSWERS = frozenset(
    {"emergency", "passport_taken", "forget", "cancel_operator", "talk_to_operator"}
)
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")


def offer_button(content: Content, language: str) -> Button:
    """The button under the out-of-hours notice that starts a callback request."""
    return Button(content.buttons[START][language], START)


def phone_number(text: str) -> str | None:
    """A loosely checked phone number («+996 555 12-34-56» → «+996555123456»), else None."""
    text = text.strip()
    if not _PHONE_CHARS.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    if not 7 <= len(digits) <= 15:
        return None
    return ("+" if text.startswith("+") else "") + digits


def on_button(turn: Turn, payload: str) -> bool:
    """A callback button (True), current or stale; any other button ends an open request."""
    step = turn.state.callback
    if payload == START:
        if not turn.state.waiting:
            turn.say("callback_stale", () if turn.state.handoff else turn.menu())
        else:
            _ask_time(turn)
        return True
    if payload == CANCEL:
        _end(turn)
        turn.say("callback_cancelled" if step else "callback_stale", _after(turn))
        return True
    if payload.startswith(TIME) and step == "time" and payload[len(TIME) :] in TIMES:
        _ask_via(turn, payload[len(TIME) :])
        return True
    if payload.startswith(VIA) and step == "via" and payload[len(VIA) :] in VIAS:
        if payload == f"{VIA}chat":
            _request(turn, "chat", None)
        else:
            turn.state = turn.state.but(callback="phone")
            turn.say("callback_ask_phone", (_cancel(turn),))
        return True
    if payload.startswith((TIME, VIA)):  # an older question's button, or a forged one
        turn.say("callback_stale", _after(turn) if step is None else _buttons_of(turn))
        return True
    if step is not None:
        _end(turn)
    return False


def on_text(turn: Turn, text: str, intent: Intent) -> bool:
    """Text while a request is open: its answer (True), unless it is a command or a cry for help."""
    step = turn.state.callback
    if step is None:
        return False
    if text.startswith("/") or intent.name in NOT_ANSWERS:
        _end(turn)
        return False
    if step == "time":
        _ask_via(turn, text[:MAX_TIME_TEXT])
    elif step == "phone" or (step == "via" and phone_number(text)):
        number = phone_number(text)
        if number is None:
            turn.say("callback_bad_phone", (_cancel(turn),))
        else:
            _request(turn, "phone", number)
    else:
        turn.say("callback_ask_via", _buttons_of(turn))
    return True


def _ask_time(turn: Turn) -> None:
    turn.state = turn.state.but(callback="time", callback_time=None)
    turn.say("callback_ask_time", _buttons_of(turn))


def _ask_via(turn: Turn, time: str) -> None:
    turn.state = turn.state.but(callback="via", callback_time=time)
    turn.say("callback_ask_via", _buttons_of(turn))


def _request(turn: Turn, via: str, phone: str | None) -> None:
    time = turn.state.callback_time or "any"
    turn.events.append(CallbackRequested(time, via, phone))
    _end(turn)
    turn.say(f"callback_saved_{via}", _after(turn))


def _end(turn: Turn) -> None:
    turn.state = turn.state.but(callback=None, callback_time=None)


def _buttons_of(turn: Turn) -> tuple[Button, ...]:
    """The buttons of the question now open: the times or the ways back, and cancel."""
    step, buttons = turn.state.callback, turn.content.buttons
    if step == "time":
        found = [Button(buttons[f"cb_time_{t}"][turn.lang], f"{TIME}{t}") for t in TIMES]
    elif step == "via":
        found = [Button(buttons[f"cb_via_{v}"][turn.lang], f"{VIA}{v}") for v in VIAS]
    else:
        found = []
    return (*found, _cancel(turn))


def _cancel(turn: Turn) -> Button:
    return Button(turn.content.buttons[CANCEL][turn.lang], CANCEL)


def _after(turn: Turn) -> tuple[Button, ...]:
    return turn.menu("waiting") if turn.state.waiting else turn.menu()
