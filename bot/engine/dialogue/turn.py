"""One step's working set: the state it changes, the replies and events it produces."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.content.model import Content
from bot.engine.dialogue.events import Escalate, Event
from bot.engine.dialogue.state import DialogueState, Mode
from bot.types import Button, Reply


@dataclass(frozen=True, slots=True)
class Step:
    """The outcome of one message."""

    state: DialogueState
    replies: tuple[Reply, ...]
    events: tuple[Event, ...]


@dataclass(slots=True)
class Turn:
    """What one step has decided so far: the state, the replies and the events."""

    state: DialogueState
    content: Content
    replies: list[Reply] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.state.language or self.content.languages.default

    def say(self, key: str, buttons: tuple[Button, ...] = (), **values: object) -> None:
        self.replies.append(Reply(self.content.text(key, self.lang, **values), buttons))

    def say_text(self, text: str, buttons: tuple[Button, ...] = ()) -> None:
        self.replies.append(Reply(text, buttons))

    def menu(self, name: str = "main") -> tuple[Button, ...]:
        return self.content.menu(name, self.lang)

    def escalate(self, reason: str, *, risk_level: str | None = None) -> None:
        self.events.append(Escalate(reason, risk_level))
        self.state = self.state.but(handoff=True, mode=Mode.IDLE, misses=0, acked_at=None)

    def done(self) -> Step:
        return Step(self.state, tuple(self.replies), tuple(self.events))
