"""step(state, message, content) -> (state, replies, events): the whole conversation logic.

Pure and synchronous: no I/O, no clock, no database. Everything it says comes from `content`.
"""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.dialogue import (
    actions,
    callback,
    emergency,
    media,
    offer_answers,
    offer_flow,
    picture,
    survey,
    waiting,
)
from bot.engine.dialogue.events import Understood
from bot.engine.dialogue.location import said_location
from bot.engine.dialogue.state import DialogueState, Mode
from bot.engine.dialogue.turn import Step, Turn
from bot.engine.extract.places import CITY_COUNTRY
from bot.engine.nlu.intent import Intent
from bot.engine.text.yesno import yes_no
from bot.types import MessageKind, UserMessage

__all__ = ["Step", "step"]


# While an offer is being discussed, only these leave it; other text adds facts to the offer.
URGENT_INTENTS = {"emergency", "talk_to_operator"}
# Texts that describe the user's own situation: a place they name is where they are.
IN_DANGER = {"emergency", "passport_taken"}
COMMANDS = {
    "/start": "start",
    "/help": "help",
    "/lang": "set_language",
    "/operator": "talk_to_operator",
    "/forget": "forget",
}


def step(state: DialogueState, message: UserMessage, content: Content) -> Step:
    """Answer one user message."""
    # A comment is taken only from the message right after a rating.
    lang = _reply_language(state, message, content)
    turn = Turn(state.but(language=lang, commenting=None), content)
    if not survey.on_comment(turn, message, state.commenting):
        _route(turn, message)
    if turn.state.waiting and not turn.replies:  # whatever it was, it reached the hotline
        waiting.acknowledge(turn, message.received_at)
    emergency.localise(turn)
    return turn.done()


def _route(turn: Turn, message: UserMessage) -> None:
    """Decide what this message is and let the right part of the dialogue answer it."""
    content = turn.content
    text = message.text.strip()
    if picture.on_picture(turn, message):
        return
    if message.kind is MessageKind.UNSUPPORTED:
        media.on_media(turn, message)
        return
    if message.button is not None:
        if survey.on_button(turn, message.button) or callback.on_button(turn, message.button):
            return
        if not waiting.on_button(turn, message.button, message.received_at):
            actions.on_button(turn, message.button)
        return
    if text.startswith("/"):
        turn.state = turn.state.but(callback=None, callback_time=None)
        command = COMMANDS.get(text.split()[0].split("@")[0].lower())
        if command is not None:
            actions.on_action(turn, command)
            return
    if not text:
        turn.say("empty", () if turn.state.handoff else turn.menu())
        return
    if media.on_emoji(turn, text):
        return
    intent = content.classify(text) if content.classify else Intent("out_of_scope", 0.0)
    turn.events.append(Understood(intent.name, intent.confidence))
    turn.state = turn.state.but(last_intent=intent.name)
    _note_places(turn, text, intent)
    if callback.on_text(turn, text, intent):
        return
    if turn.state.handoff and waiting.on_text(turn, text, intent, message.received_at):
        return
    if not turn.state.greeted and intent.name in URGENT_INTENTS:
        # Someone in danger: who we are in a line, then the numbers, last and most visible.
        actions.welcome(turn, menu=False)
        _on_text(turn, text, intent, message)
        return
    if not turn.state.greeted:
        actions.welcome(turn)
        # The welcome already shows the menu: add nothing unless the text asked for more.
        quiet = intent.name in {"greet", "help", "out_of_scope"}
        if quiet and not _is_offer(turn, text, intent, message, urgent=False):
            return
    _on_text(turn, text, intent, message)


def _note_places(turn: Turn, text: str, intent: Intent) -> None:
    """What the text is about (`country`) and where the user says they are (`location`)."""
    country = _country_of(intent)
    if country:
        turn.state = turn.state.but(country=country)
    located = said_location(text, in_danger=intent.name in IN_DANGER)
    if located:
        turn.state = turn.state.but(location=located)


def _country_of(intent: Intent) -> str | None:
    """The country the user names, or the country of the city they name."""
    for entity in intent.entities:
        if entity.get("entity") == "country":
            return str(entity["value"])
    for entity in intent.entities:
        if entity.get("entity") == "city" and entity.get("value") in CITY_COUNTRY:
            return CITY_COUNTRY[str(entity["value"])]
    return None


def _on_text(turn: Turn, text: str, intent: Intent, message: UserMessage) -> None:
    """Typed text: an answer inside the offer check, a pasted offer, or an intent."""
    urgent = intent.name in URGENT_INTENTS and len(text) < offer_flow.MIN_OFFER_CHARS
    mode, choosing = turn.state.mode, turn.state.choosing
    turn.state = turn.state.but(choosing=None)
    answer = yes_no(text, turn.content.yes_no_words) if mode == Mode.CONFIRM_FORGET else None
    if answer is None and mode == Mode.CONFIRM_FORGET and intent.name in ("affirm", "deny"):
        answer = intent.name == "affirm"
    if answer is not None:  # «ова», «агась», «не-не» as well as what the classifier reads
        actions.answer_forget(turn, yes=answer)
        return
    if mode == Mode.CONFIRM_FORGET:  # anything else: nothing is deleted, the text is read
        turn.state = turn.state.but(mode=Mode.IDLE)
    country = _country_of(intent)
    if choosing and not urgent and actions.answer_choice(turn, choosing, country, text):
        offer_answers.resume(turn)  # «Корея» after the countries, also during an offer check
    elif mode == Mode.OFFER_QUESTION and not urgent:
        if not offer_answers.on_text(turn, text, intent):  # a question of its own
            actions.on_action(turn, intent.name, text)
            offer_answers.resume(turn)
    elif _is_offer(turn, text, intent, message, urgent):
        offer_flow.check(turn, text)
    else:
        actions.on_action(turn, intent.name, text)


def _is_offer(turn: Turn, text: str, intent: Intent, message: UserMessage, urgent: bool) -> bool:
    """Was an offer asked for, announced with its text, pasted without a word, or pictured?"""
    if turn.state.mode == Mode.AWAITING_OFFER or picture.is_read(message):
        return not urgent
    if intent.name == "check_offer" and len(text) >= offer_flow.MIN_OFFER_CHARS:
        return True
    return intent.name != "emergency" and offer_flow.looks_like_offer(
        text, message.forwarded, turn.content.offers
    )


def _reply_language(state: DialogueState, message: UserMessage, content: Content) -> str:
    """The chosen language, else the language of this text, else the conversation's so far.

    Button presses, commands and one-word messages («да», «рахмат», «ok») never switch an
    ongoing conversation: bilingual people mix such words into either language.
    """
    if state.language_chosen and state.language:
        return state.language
    default = state.language or content.languages.default
    text = message.text.strip()
    if message.button is not None or not text or text.startswith("/"):
        return default
    if state.language and len(text.split()) < 2:
        return state.language
    detected = content.detect(text).language
    return detected if detected in content.languages.codes else default
