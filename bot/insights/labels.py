"""What a stored id is called on the pages, in the staff member's language.

Levels, hand-off reasons and outcomes are named as the console names them; signs and
countries as the offer check does; the rest by the room's own words (`insights_<kind>_<id>`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.web.words import Words

if TYPE_CHECKING:
    from bot.engine.content.model import Content

CONSOLE_KINDS = frozenset({"level", "reason", "outcome"})


class Labels:
    """`labels("country", "RU")` → «Орусия»; an id without a name shows as itself."""

    def __init__(self, content: Content, language: str) -> None:
        self.content = content
        self.language = language
        self.own = Words(content, language, "insights")
        self.console = Words(content, language, "console")

    def __call__(self, kind: str, value: object) -> str:
        if value is None or value == "":
            return self.own("unknown")
        text = str(value)
        if kind in CONSOLE_KINDS:
            return self.console.label(kind, text)
        catalogue = self.content.offers
        if kind == "indicator" and catalogue is not None:
            try:
                return str(catalogue.indicator(text).name[self.language])
            except KeyError:
                return text
        if kind == "country" and catalogue is not None:
            names = catalogue.texts.get("countries") or {}
            return str(names[text][self.language]) if text in names else text
        return self.own.label(kind, text)

    def column(self, column: str) -> str:
        """A table's column heading."""
        return self.own(f"col_{column}")
