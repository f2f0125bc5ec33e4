"""The operators' hours and the out-of-hours notice, in the user's language."""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.dialogue.emergency import hotline_for
from bot.settings.operators import DAYS, OperatorsSettings


def hours_text(content: Content, language: str, settings: OperatorsSettings) -> str:
    """The operators' hours in the user's language, e.g. «пн–пт 09:00–18:00 (время Бишкека)»."""
    names = [n.strip() for n in content.text("weekdays", language).split(",")]
    parts = []
    for rule in settings.hours:
        indexes = sorted(DAYS.index(d) for d in rule.days)
        runs: list[list[int]] = []
        for i in indexes:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        days = ", ".join(
            names[r[0]] if len(r) == 1 else f"{names[r[0]]}–{names[r[-1]]}" for r in runs
        )
        parts.append(f"{days} {rule.start:%H:%M}–{rule.end:%H:%M}")
    zone = (
        content.text("hours_zone_bishkek", language)
        if settings.timezone == "Asia/Bishkek"
        else settings.timezone
    )
    return "; ".join(parts) + f" ({zone})"


def outside_hours_text(
    content: Content, language: str, settings: OperatorsSettings, location: str | None
) -> str:
    """Nobody works now: the chat stays queued; the hours; a number that works from there."""
    return content.text(
        "handoff_outside_hours",
        language,
        hotline=hotline_for(content, location, language),
        hours=hours_text(content, language, settings),
    )
