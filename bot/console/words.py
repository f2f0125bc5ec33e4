"""The console's own words in the operator's language, from the published dialogues/console*.yml.

Pages call `say("dead_title")` for the text `console_dead_title`, and `say.label("level",
"high")` for the label of a stored id (`console_level_high`). No page holds words of its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.clock import utcnow
from bot.console.labels import waited
from bot.web import words

if TYPE_CHECKING:
    from bot.engine.content.model import Content


class Words(words.Words):
    """`console_*` texts of one content revision, in one language."""

    def __init__(self, content: Content, language: str) -> None:
        super().__init__(content, language, "console")

    def waited(self, since: datetime, now: datetime | None = None) -> str:
        """How long someone has waited: «7 мин», «2 ч 05 мин» (or in Kyrgyz)."""
        hours, minutes = waited(since, now or utcnow())
        if hours == 0:
            return self("waited_minutes", minutes=minutes)
        return self("waited_hours", hours=hours, minutes=f"{minutes:02d}")
