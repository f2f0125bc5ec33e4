"""step(state, message, content) -> (state, replies, events): the whole conversation logic.

Pure and synchronous: no I/O, no clock, no database. Everything it says comes from `content`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine import language as lang_detect
from bot.engine.content import Content, Intent
from bot.engine.state import DialogueState
from bot.types import Button, Event, Language, MessageKind, Reply, UserMessage

DEFAULT_LANGUAGE = Language.KY.value
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
COMMANDS = {
    "/start": "start",
    "/help": "help",
    "/lang": "set_language",
    "/operator": "talk_to_operator",
    "/forget": "forget",
}


@dataclass(frozen=True, slots=True)
class Step:
    """The outcome of one message."""

    state: DialogueState
    replies: tuple[Reply, ...]
    events: tuple[Event, ...]


@dataclass(slots=True)
class _Turn:
    state: DialogueState
    content: Content
    replies: list[Reply] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.state.language or DEFAULT_LANGUAGE

    def say(self, key: str, buttons: tuple[Button, ...] = (), **values: object) -> None:
        self.replies.append(Reply(self.content.text(key, self.lang, **values), buttons))

    def menu(self, name: str = "main") -> tuple[Button, ...]:
        return self.content.menu(name, self.lang)

    def escalate(self, reason: str) -> None:
        self.events.append(Event("escalate", {"reason": reason}))
        self.state = self.state.but(handoff=True, mode="idle", misses=0)

    def done(self) -> Step:
        return Step(self.state, tuple(self.replies), tuple(self.events))


def step(state: DialogueState, message: UserMessage, content: Content) -> Step:
    """Answer one user message."""
    turn = _Turn(state.but(language=_reply_language(state, message)), content)
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
    if turn.state.handoff:
        _while_with_operator(turn, intent)
        return turn.done()
    if not turn.state.greeted:
        _welcome(turn)
        if intent.name in {"greet", "help", "out_of_scope"}:
            return turn.done()
    _on_action(turn, intent.name)
    return turn.done()


def _reply_language(state: DialogueState, message: UserMessage) -> str:
    """The user's chosen language, else the one this text is written in, else the last one."""
    if state.language_chosen and state.language:
        return state.language
    detected = lang_detect.detect(message.text).language if message.text else "other"
    if detected in (Language.KY.value, Language.RU.value):
        return detected
    return state.language or DEFAULT_LANGUAGE


def _welcome(turn: _Turn) -> None:
    turn.say("welcome")
    turn.say("choose_language", turn.menu("language"))
    turn.say("menu", turn.menu())
    turn.state = turn.state.but(greeted=True)


def _on_button(turn: _Turn, payload: str) -> None:
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
    elif payload in MENU_ACTIONS and not turn.state.handoff:
        _on_action(turn, MENU_ACTIONS[payload])
    elif payload == "danger":
        _on_action(turn, "emergency")
    elif turn.state.handoff:
        turn.events.append(Event("to_operator", {"button": payload}))
    else:  # a stale or forged payload: say what we can do instead of failing
        turn.say("menu", turn.menu())


def _on_action(turn: _Turn, action: str) -> None:
    """Run what an intent, a command or a menu button asks for."""
    state = turn.state
    if action == "forget":
        turn.state = state.but(mode="confirm_forget")
        turn.say("forget_confirm", turn.menu("forget"))
    elif action == "start":
        _welcome(turn)
    elif action == "set_language":
        turn.say("choose_language", turn.menu("language"))
    elif action == "emergency":
        turn.say("danger", numbers=_emergency_numbers(turn))
        if not state.handoff:
            turn.escalate("emergency")
    elif state.handoff:
        turn.events.append(Event("to_operator"))
    elif action in HANDOFF_INTENTS:
        turn.say("handoff")
        turn.escalate(HANDOFF_INTENTS[action])
    elif action == "check_offer":
        turn.state = state.but(mode="awaiting_offer", misses=0)
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


def _fallback(turn: _Turn) -> None:
    misses = turn.state.misses + 1
    if misses >= 2:
        turn.say("handoff_not_understood")
        turn.escalate("not_understood")
    else:
        turn.state = turn.state.but(misses=misses)
        turn.say("fallback", turn.menu())


def _while_with_operator(turn: _Turn, intent: Intent) -> None:
    """A person has the chat: stay quiet, except to repeat emergency numbers."""
    if intent.name == "emergency":
        _on_action(turn, "emergency")
    else:
        turn.events.append(Event("to_operator"))


def _emergency_numbers(turn: _Turn) -> str:
    """Emergency and hotline numbers for the user's country (Kyrgyzstan when unknown)."""
    lang = turn.lang
    countries = [turn.state.country] if turn.state.country else []
    countries += [c for c in ("KG", "RU", "KZ") if c not in countries]
    lines = []
    for code in countries:
        country = turn.content.hotlines.get(code)
        if not country:
            continue
        numbers = [*country.get("emergency", ()), *country.get("hotlines", ())]
        listed = ", ".join(f"{n['number']} ({n['label'][lang]})" for n in numbers)
        lines.append(f"{country['name'][lang]}: {listed}")
    return "\n".join(lines)
