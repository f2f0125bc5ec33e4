"""Satisfaction after an operator closed the chat: one question, two buttons, a comment.

The services ask the question when an operator closes a hand-off (`question`, and `survey`
in the state holds that hand-off's id); the engine reads the answer. A button answers only
the question it came with, and only once: a second press, an older question's button or a
press after /forget counts nothing and is thanked for. After a rating the next text (a
second press of the same question aside) is a comment — unless it is a command, a cry for
help or a request for a person, which the dialogue answers as always — and "skip" ends it.
"""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Commented, Rated
from bot.engine.dialogue.turn import Turn
from bot.types import Button, MessageKind, Reply, UserMessage

RATE = "rate:"  # rate:<survey>:<rating>
SKIP = "rate_skip"
RATINGS = ("up", "down")
MAX_COMMENT = 1000
# What a comment is never taken for: these are answered by the dialogue itself.
NOT_COMMENTS = frozenset({"emergency", "passport_taken", "talk_to_operator", "forget"})


def question(content: Content, language: str, survey: str) -> Reply:
    """The question with its buttons; their payloads name `survey`."""
    buttons = tuple(
        Button(content.buttons[f"rate_{r}"][language], f"{RATE}{survey}:{r}") for r in RATINGS
    )
    return Reply(content.text("survey_question", language), buttons)


def on_button(turn: Turn, payload: str) -> bool:
    """A press of a survey button (True), whether it still counts or not."""
    if payload == SKIP:
        turn.say("survey_done", turn.menu())
        return True
    if not payload.startswith(RATE):
        return False
    survey, _, rating = payload.removeprefix(RATE).rpartition(":")
    if not survey or survey != turn.state.survey or rating not in RATINGS:
        turn.say("survey_stale", () if turn.state.handoff else turn.menu())
        return True
    turn.events.append(Rated(survey, rating))
    turn.state = turn.state.but(survey=None, commenting=survey)
    skip = Button(turn.content.buttons[SKIP][turn.lang], SKIP)
    turn.say("survey_thanks", (skip,))
    return True


def on_comment(turn: Turn, message: UserMessage, commenting: str | None) -> bool:
    """The text after a rating, as its comment (True), unless it asks for something."""
    text = message.text.strip()
    if commenting is None:
        return False
    if (message.button or "").startswith(f"{RATE}{commenting}:"):  # pressed twice: still open
        turn.state = turn.state.but(commenting=commenting)
        turn.say("survey_stale")
        return True
    if message.kind is not MessageKind.TEXT or not text:
        return False
    if text.startswith("/"):
        return False
    classify = turn.content.classify
    if classify is not None and classify(text).name in NOT_COMMENTS:
        return False
    turn.events.append(Commented(text[:MAX_COMMENT]))
    turn.say("survey_commented", () if turn.state.handoff else turn.menu())
    return True
