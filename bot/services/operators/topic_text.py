"""What the operators' Telegram topics read and what operators type in them: pure functions.

A topic opens with the case summary (the console's words, `dialogues/console_*.yml`, in the
staff's language); an operator's line is a command (`/claim`, `/close OUTCOME`, `/note TEXT`,
also as `/claim@SaparBot`) or words for the person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.content.model import Content
from bot.services.operators.escalation import OUTCOMES
from bot.services.operators.summary import CaseSummary
from bot.storage.handoffs import Handoff
from bot.storage.models import Message

COMMANDS = ("claim", "close", "note")
TITLE_CHARS = 128  # a forum topic's name, as the Bot API allows


@dataclass(frozen=True, slots=True)
class Command:
    """An operator's line: `name` is claim | close | note | unknown, or say (words to send)."""

    name: str
    argument: str = ""


def parse_command(text: str) -> Command:
    """The command in an operator's line; a line not starting with "/" is words to send."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return Command("say", stripped)
    head, _, rest = stripped[1:].partition(" ")
    name = head.partition("@")[0].lower()
    if name not in COMMANDS:
        return Command("unknown", name)
    return Command(name, rest.strip())


def user_line(content: Content, line: Message) -> str:
    """A line of the person's as the topic shows it; media by what it was."""
    lang = content.languages.staff
    media = (line.payload or {}).get("media")
    text = line.text or ""
    if not text and media:
        kind = content.text(f"console_media_{media}", lang)
        text = content.text("console_media_line", lang, kind=kind)
    return content.text("topic_user_said", lang, text=text)


def title(content: Content, entry: Handoff, handle: str) -> str:
    """The topic's name: the chat's handle and why it came, «⚠» first for danger."""
    lang = content.languages.staff
    reason = content.text(f"console_reason_{entry.reason}", lang)
    name = content.text("topic_title", lang, handle=handle, reason=reason, id=entry.id)
    return (("⚠ " if entry.emergency else "") + name)[:TITLE_CHARS]


def summary_text(
    content: Content,
    entry: Handoff,
    case: CaseSummary,
    assessment: Mapping[str, Any] | None,
    last_line: str | None,
) -> str:
    """The case as the topic's first message: the console's summary as lines of text, then
    the person's last line (as the topic shows their lines) and the commands."""
    lang = content.languages.staff

    def say(key: str, **values: object) -> str:
        return content.text(f"console_{key}", lang, **values)

    def label(kind: str, value: str | None) -> str:
        return say(f"{kind}_{value}") if value else "—"

    where = case.location or say("sum_unknown")
    if case.about:
        where += " · " + say("sum_about", country=case.about)
    earlier = (
        say("sum_earlier_count", count=len(case.earlier))
        if case.earlier
        else say("sum_earlier_none")
    )
    numbers = [f"📞 {n.number}" + (f" — {n.label}" if n.label else "") for n in case.numbers]
    lines = [
        ("⚠ " if entry.emergency else "") + label("reason", entry.reason),
        f"{say('col_risk')}: {label('level', entry.risk_level)}",
        f"{say('col_language')}: {label('language', entry.language)}",
        f"{say('col_channel')}: {entry.channel}",
        f"{say('sum_location')}: {where}",
        f"{say('sum_numbers')}: {', '.join(numbers) or say('sum_numbers_none')}",
        f"{say('sum_earlier')}: {earlier}",
    ]
    lines += _assessment_lines(content, assessment, case.offer_place)
    if last_line:
        lines.append(last_line)
    lines.append(content.text("topic_help", lang, outcomes=", ".join(OUTCOMES)))
    return "\n".join(lines)


def _assessment_lines(
    content: Content, assessment: Mapping[str, Any] | None, place: str | None
) -> list[str]:
    if not assessment:
        return []
    lang = content.languages.staff
    level = content.text(f"console_level_{assessment['level']}", lang)
    head = f"{content.text('console_assessment_level', lang)}: {level}"
    if place:
        head += f" · {content.text('console_sum_offer_place', lang)}: {place}"
    signs = [
        f"• {ind['name']}: " + "; ".join(f"«{e}»" for e in ind["evidence"])
        for ind in assessment.get("indicators") or ()
    ]
    return [head, *(signs or [content.text("console_no_indicators", lang)])]
