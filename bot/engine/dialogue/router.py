"""step(state, message, content) -> (state, replies, events): the whole conversation logic.

Pure and synchronous: no I/O, no clock, no database. Everything it says comes from `content`.
"""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.dialogue import offer_flow, replies
from bot.engine.dialogue.state import DialogueState
from bot.engine.dialogue.turn import DEFAULT_LANGUAGE, Step, Turn
from bot.engine.extract.places import CITY_COUNTRY
from bot.engine.nlu.intent import Intent
from bot.engine.text import language as lang_detect
from bot.types import Event, Language, MessageKind, Reply, UserMessage

__all__ = ["Step", "step"]


# Intents that hand the chat to a person, with the reason recorded in the queue.
HANDOFF_INTENTS = {
    "talk_to_operator": "asked_for_human",
    "emergency": "emergency",
    "passport_taken": "passport_taken",
}
MENU_ACTIONS = {
    "check_offer": "check_offer",
    "ask_question": "ask_question",
    "operator": "talk_to_operator",
    "danger": "emergency",
    "change_language": "set_language",
}
# While an offer is being discussed, only these leave it; other text adds facts to the offer.
URGENT_INTENTS = {"emergency", "talk_to_operator"}
COMMANDS = {
    "/start": "start",
    "/help": "help",
    "/lang": "set_language",
    "/operator": "talk_to_operator",
    "/forget": "forget",
}


def step(state: DialogueState, message: UserMessage, content: Content) -> Step:
    """Answer one user message."""
    turn = Turn(state.but(language=_reply_language(state, message)), content)
    text = message.text.strip()
    if message.kind is MessageKind.UNSUPPORTED:
        turn.say("unsupported", () if turn.state.handoff else turn.menu())
        return turn.done()
    if message.button is not None:
        _on_button(turn, message.button)
        return turn.done()
    if text.startswith("/"):
        command = COMMANDS.get(text.split()[0].split("@")[0].lower())
        if command is not None:
            _on_action(turn, command)
            return turn.done()
    if not text:
        turn.say("empty", () if turn.state.handoff else turn.menu())
        return turn.done()
    intent = content.classify(text) if content.classify else Intent("out_of_scope", 0.0)
    turn.events.append(
        Event("understood", {"intent": intent.name, "confidence": intent.confidence})
    )
    turn.state = turn.state.but(last_intent=intent.name)
    country = _country_of(intent)
    if country:
        turn.state = turn.state.but(country=country)
    if turn.state.handoff:
        _while_with_operator(turn, intent)
        return turn.done()
    if not turn.state.greeted and intent.name in URGENT_INTENTS:
        # Someone in danger reads the numbers first; who we are comes after.
        _on_text(turn, text, intent, message.forwarded)
        _welcome(turn, menu=False)
        return turn.done()
    if not turn.state.greeted:
        _welcome(turn)
        # The welcome already shows the menu: add nothing unless the text asked for more.
        quiet = intent.name in {"greet", "help", "out_of_scope"}
        if quiet and not _is_offer(turn, text, intent, message.forwarded, urgent=False):
            return turn.done()
    _on_text(turn, text, intent, message.forwarded)
    return turn.done()


def _country_of(intent: Intent) -> str | None:
    """The country the user names, or the country of the city they name."""
    for entity in intent.entities:
        if entity.get("entity") == "country":
            return str(entity["value"])
    for entity in intent.entities:
        if entity.get("entity") == "city" and entity.get("value") in CITY_COUNTRY:
            return CITY_COUNTRY[str(entity["value"])]
    return None


def _on_text(turn: Turn, text: str, intent: Intent, forwarded: bool) -> None:
    """Typed text: an answer inside the offer check, a pasted offer, or an intent."""
    urgent = intent.name in URGENT_INTENTS and len(text) < offer_flow.MIN_OFFER_CHARS
    mode = turn.state.mode
    if mode == "offer_question" and not urgent:
        offer_flow.on_text(turn, text, intent)
    elif _is_offer(turn, text, intent, forwarded, urgent):
        offer_flow.check(turn, text)
    else:
        _on_action(turn, intent.name, text)


def _is_offer(turn: Turn, text: str, intent: Intent, forwarded: bool, urgent: bool) -> bool:
    """Was an offer asked for, announced with its text, or pasted without a word?"""
    if turn.state.mode == "awaiting_offer":
        return not urgent
    if intent.name == "check_offer":
        return len(text) >= offer_flow.MIN_OFFER_CHARS
    return intent.name != "emergency" and offer_flow.looks_like_offer(text, forwarded)


def _reply_language(state: DialogueState, message: UserMessage) -> str:
    """The chosen language, else the language of this text, else the conversation's so far.

    Button presses, commands and one-word messages («да», «рахмат», «ok») never switch an
    ongoing conversation: bilingual people mix such words into either language.
    """
    if state.language_chosen and state.language:
        return state.language
    text = message.text.strip()
    if message.button is not None or not text or text.startswith("/"):
        return state.language or DEFAULT_LANGUAGE
    if state.language and len(text.split()) < 2:
        return state.language
    detected = lang_detect.detect(text).language
    if detected in (Language.KY.value, Language.RU.value):
        return detected
    return state.language or DEFAULT_LANGUAGE


def _welcome(turn: Turn, *, menu: bool = True) -> None:
    turn.say("welcome")
    if menu:
        turn.say("choose_language", turn.menu("language"))
        turn.say("menu", turn.menu())
    turn.state = turn.state.but(greeted=True)


def _on_button(turn: Turn, payload: str) -> None:
    if payload in ("lang_ky", "lang_ru"):
        turn.state = turn.state.but(language=payload[-2:], language_chosen=True)
        turn.say("language_set", turn.menu())
    elif payload == "yes_forget" and turn.state.mode == "confirm_forget":
        turn.events.append(Event("forget"))
        turn.state = DialogueState(language=turn.state.language)
        turn.say("forgotten")
    elif payload == "no_forget" and turn.state.mode == "confirm_forget":
        turn.state = turn.state.but(mode="idle")
        turn.say("forget_cancelled", () if turn.state.handoff else turn.menu())
    elif payload.startswith("country:") and payload[8:] in turn.content.hotlines:
        country = payload[8:]
        turn.state = turn.state.but(country=country)
        numbers = replies.emergency_numbers(turn.content, country, turn.lang)
        turn.replies.append(Reply(numbers))
    elif offer_flow.on_button(turn, payload) or _on_answer_button(turn, payload):
        pass
    elif payload in MENU_ACTIONS and not turn.state.handoff:
        _on_action(turn, MENU_ACTIONS[payload])
    elif payload == "danger":
        _on_action(turn, "emergency")
    elif turn.state.handoff:
        turn.events.append(Event("to_operator", {"button": payload}))
    else:  # a stale or forged payload: say what we can do instead of failing
        turn.say("menu", turn.menu())


def _set_language(turn: Turn, text: str) -> None:
    """Switch to the language the user names («кыргызча жазыңызчы»), else offer the choice."""
    wanted = turn.content.language_named(text)
    if wanted is None:
        turn.say("choose_language", turn.menu("language"))
        return
    turn.state = turn.state.but(language=wanted, language_chosen=True)
    turn.say("language_set", turn.menu())


def _on_action(turn: Turn, action: str, text: str = "") -> None:
    """Run what an intent, a command or a menu button asks for."""
    state = turn.state
    if action == "forget":
        turn.state = state.but(mode="confirm_forget")
        turn.say("forget_confirm", turn.menu("forget"))
    elif action == "start":
        _welcome(turn)
    elif action == "set_language":
        _set_language(turn, text)
    elif action == "emergency":
        numbers = replies.emergency_numbers(turn.content, state.country, turn.lang)
        turn.say("danger", numbers=numbers)
        if state.country is None:
            turn.say("ask_country", replies.country_buttons(turn.content, turn.lang))
        if not state.handoff:
            turn.escalate("emergency")
    elif state.handoff:
        turn.events.append(Event("to_operator"))
    elif action in HANDOFF_INTENTS:
        if action in turn.content.answers:
            _answer(turn, action)
        turn.say("handoff")
        turn.escalate(HANDOFF_INTENTS[action])
    elif action in turn.content.answers and action not in ("help", "check_offer"):
        turn.state = state.but(misses=0)
        _answer(turn, action)
    elif action == "check_offer":
        turn.state = state.but(mode="awaiting_offer", misses=0, question=None)
        turn.say("ask_offer")
    elif action == "ask_question":
        turn.state = state.but(mode="awaiting_question", misses=0)
        turn.say("ask_question")
    elif action in ("greet", "help", "thanks", "goodbye"):
        key = "greeting" if action == "greet" else action
        turn.state = state.but(misses=0)
        turn.say(key, () if action == "goodbye" else turn.menu())
    else:
        _fallback(turn)


def _answer(turn: Turn, answer_id: str, country: str | None = None) -> None:
    answer = turn.content.answers[answer_id]
    chosen = country or turn.state.country
    turn.replies.append(replies.answer_short(turn.content, answer, chosen, turn.lang))


def _on_answer_button(turn: Turn, payload: str) -> bool:
    """`more:<id>[:<country>]` and `answer:<id>:<country>`; False when not one of these."""
    kind, _, rest = payload.partition(":")
    answer_id, _, country = rest.partition(":")
    answer = turn.content.answers.get(answer_id)
    if kind not in ("more", "answer") or answer is None:
        return False
    if country and country not in answer.by_country:
        return False
    if kind == "more":
        turn.replies.append(replies.answer_more(turn.content, answer, country or None, turn.lang))
    else:
        turn.state = turn.state.but(country=country)
        _answer(turn, answer_id, country)
    return True


def _fallback(turn: Turn) -> None:
    misses = turn.state.misses + 1
    if misses >= 2:
        turn.say("handoff_not_understood")
        turn.escalate("not_understood")
    else:
        turn.state = turn.state.but(misses=misses)
        turn.say("fallback", turn.menu())


def _while_with_operator(turn: Turn, intent: Intent) -> None:
    """A person has the chat: stay quiet, except to repeat emergency numbers."""
    if intent.name == "emergency":
        _on_action(turn, "emergency")
    else:
        turn.events.append(Event("to_operator"))
