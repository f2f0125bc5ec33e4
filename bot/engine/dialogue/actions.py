"""What buttons, commands and intents do: the menu's actions, answers, the fallback."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.dialogue import emergency, offer_answers, replies
from bot.engine.dialogue.events import Forget, ToOperator
from bot.engine.dialogue.state import DialogueState, Mode
from bot.engine.dialogue.turn import Turn
from bot.engine.text.yesno import yes_no
from bot.types import Button, Reply

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

# Menu actions the bot still does while the user waits for a person.
WHILE_WAITING = frozenset({"check_offer", "ask_question", "change_language"})


def welcome(turn: Turn, *, menu: bool = True) -> None:
    """Who Sapar is; with the language choice and the menu unless someone is in danger."""
    turn.say("welcome")
    if menu:
        turn.say("choose_language", turn.menu("language"))
        turn.say("menu", turn.menu())
    turn.state = turn.state.but(greeted=True)


def on_button(turn: Turn, payload: str) -> None:
    """A pressed button: language, /forget's answer, a country, an answer, a menu action."""
    if payload.startswith("lang_") and payload[5:] in turn.content.languages.codes:
        turn.state = turn.state.but(language=payload[5:], language_chosen=True)
        turn.say("language_set", turn.menu())
    elif payload in ("yes_forget", "no_forget") and turn.state.mode == Mode.CONFIRM_FORGET:
        answer_forget(turn, yes=payload == "yes_forget")
    elif payload.startswith("country:") and payload[8:] in turn.content.hotlines:
        country = payload[8:]
        turn.state = turn.state.but(country=country, location=country)
        turn.replies.append(emergency.numbers_reply(turn.content, country, turn.lang))
    elif offer_answers.on_button(turn, payload) or _on_answer_button(turn, payload):
        pass
    elif payload in MENU_ACTIONS and (not turn.state.handoff or payload in WHILE_WAITING):
        on_action(turn, MENU_ACTIONS[payload])
    elif payload == "danger":
        on_action(turn, "emergency")
    elif turn.state.handoff:
        turn.events.append(ToOperator(payload))
    else:  # a stale or forged payload: say what we can do instead of failing
        turn.say("menu", turn.menu())


def answer_forget(turn: Turn, *, yes: bool) -> None:
    """/forget's answer: delete everything and say so (the web chat starts clean), or not."""
    if yes:
        turn.events.append(Forget())
        turn.state = DialogueState(language=turn.state.language)
        text = turn.content.text("forgotten", turn.lang)
        turn.replies.append(Reply(text, turn.menu(), clears=True))
    else:
        turn.state = turn.state.but(mode=Mode.IDLE)
        turn.say("forget_cancelled", () if turn.state.handoff else turn.menu())


def _set_language(turn: Turn, text: str) -> None:
    """Switch to the language the user names («кыргызча жазыңызчы»), else offer the choice."""
    wanted = turn.content.language_named(text)
    if wanted is None:
        turn.say("choose_language", turn.menu("language"))
        return
    turn.state = turn.state.but(language=wanted, language_chosen=True)
    turn.say("language_set", turn.menu())


def on_action(turn: Turn, action: str, text: str = "") -> None:
    """Run what an intent, a command or a menu button asks for."""
    state = turn.state
    if action == "forget":
        turn.state = state.but(mode=Mode.CONFIRM_FORGET)
        turn.say("forget_confirm", turn.menu("forget"))
    elif action == "cancel_operator":  # nobody was called: say what the bot can do
        turn.say("menu", turn.menu())
    elif action == "start":
        welcome(turn)
    elif action == "set_language":
        _set_language(turn, text)
    elif action == "emergency":
        emergency.emergency(turn)
    elif action in HANDOFF_INTENTS and not state.handoff:
        if action in turn.content.answers:
            _answer(turn, action)
        turn.say("handoff")
        turn.escalate(HANDOFF_INTENTS[action])
    elif action in turn.content.answers and action not in ("help", "check_offer"):
        turn.state = state.but(misses=0)
        _answer(turn, action)
    elif state.handoff and action not in ("check_offer", "ask_question", "help"):
        turn.events.append(ToOperator())
    elif action == "check_offer":
        turn.state = state.but(mode=Mode.AWAITING_OFFER, misses=0, question=None)
        turn.say("ask_offer")
    elif action == "ask_question":
        turn.state = state.but(mode=Mode.AWAITING_QUESTION, misses=0)
        turn.say("ask_question")
    elif action in ("affirm", "deny") or yes_no(text, turn.content.yes_no_words) is not None:
        turn.state = state.but(misses=0)  # a yes or no to no question: no miss
        turn.say("menu", turn.menu())
    elif action in ("greet", "help", "thanks", "goodbye"):
        key = "greeting" if action == "greet" else action
        turn.state = state.but(misses=0)
        turn.say(key, () if action == "goodbye" else turn.menu())
    else:
        _fallback(turn)


def _answer(turn: Turn, answer_id: str, country: str | None = None) -> None:
    answer = turn.content.answers[answer_id]
    chosen = country or turn.state.country
    reply = replies.answer_short(turn.content, answer, chosen, turn.lang)
    turn.replies.append(reply)
    if any(b.payload.startswith("answer:") for b in reply.buttons):
        turn.state = turn.state.but(choosing=answer_id)  # a typed country name picks one


def answer_choice(turn: Turn, answer_id: str, country: str | None, text: str) -> bool:
    """A typed country («Корея», «Түркияда») after an answer's country buttons; else False."""
    answer = turn.content.answers.get(answer_id)
    if answer is None or country not in answer.by_country or len(text.split()) > 4:
        return False
    turn.state = turn.state.but(country=country, misses=0)
    _answer(turn, answer_id, country)
    return True


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
        more = replies.answer_more(turn.content, answer, country or None, turn.lang)
        if not turn.state.handoff:  # the detail ends with the way to a person
            more = replace(more, buttons=(*more.buttons, *_operator_button(turn)))
        turn.replies.append(more)
    else:
        turn.state = turn.state.but(country=country)
        _answer(turn, answer_id, country)
    return True


def _operator_button(turn: Turn) -> tuple[Button, ...]:
    return (Button(turn.content.buttons["operator"][turn.lang], "operator"),)


def _fallback(turn: Turn) -> None:
    misses = turn.state.misses + 1
    if misses >= 2:
        turn.say("handoff_not_understood")
        turn.escalate("not_understood")
    else:
        turn.state = turn.state.but(misses=misses)
        turn.say("fallback", turn.menu())
