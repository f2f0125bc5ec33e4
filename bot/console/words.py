"""The console's own words in the operator's language, from the published dialogues/console.yml.

Pages call `say("dead_title")` for the text `console_dead_title`. The older console pages
still carry their Russian in the templates; new ones take their words from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.engine.content.model import Content


class Words:
    """`console_*` texts of one content revision, in one language."""

    def __init__(self, content: Content, language: str) -> None:
        self.content = content
        self.language = language

    def __call__(self, key: str, **values: object) -> str:
        return self.content.text(f"console_{key}", self.language, **values)
