"""A staff room's words in the staff member's language, from the published dialogues/*.yml.

A room reads its texts under its own prefix: the console `console_*`, the admin `admin_*`.
Pages call `say("dead_title")` for the text `<prefix>_dead_title`, and `say.label("level",
"high")` for the label of a stored id (`<prefix>_level_high`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.engine.content.model import Content


class Words:
    """`<prefix>_*` texts of one content revision, in one language."""

    def __init__(self, content: Content, language: str, prefix: str) -> None:
        self.content = content
        self.language = language
        self.prefix = prefix

    def __call__(self, key: str, **values: object) -> str:
        return self.content.text(f"{self.prefix}_{key}", self.language, **values)

    def has(self, kind: str, value: str | None) -> bool:
        """Whether the content has a label for this stored id."""
        return f"{self.prefix}_{kind}_{value}" in self.content.texts

    def label(self, kind: str, value: str | None, default: str | None = None) -> str:
        """The label of a stored id (a reason, level, status, document, role, error, …).

        An id without a label shows as `default`, or as itself: a new id never breaks a page.
        """
        if value and self.has(kind, value):
            return self(f"{kind}_{value}")
        return default if default is not None else (value or "")
