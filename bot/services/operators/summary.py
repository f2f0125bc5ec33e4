"""A handed-over chat at a glance: where the person is, what the bot told them, and their
earlier hand-offs. The rest of the summary (reason, level, signs, language, channel, waiting
time) is on the entry and the offer's assessment already.

"What the bot told them" is read from the transcript: each number of knowledge/hotlines.yml
that appears in one of the bot's lines, never a number the bot did not send.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.engine.content.model import Content
from bot.services.operators.view import ChatView
from bot.storage import queue_rows
from bot.storage.database import Database
from bot.storage.models import Message

# A number as the bot writes it: digits, maybe a leading +, spaces, dashes or brackets inside.
PHONE = re.compile(r"\+?\d(?:[\d\- ()]*\d)?")


@dataclass(frozen=True, slots=True)
class GivenNumber:
    """A phone number the bot gave, as the hotline list labels it for staff."""

    number: str
    label: str
    country: str


@dataclass(frozen=True, slots=True)
class Earlier:
    """One earlier hand-off of the same person."""

    id: int
    created_at: datetime
    reason: str
    status: str
    outcome: str | None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    location: str | None  # the country the person is in, named for staff
    about: str | None  # the country their questions were about, when another one
    numbers: tuple[GivenNumber, ...]
    earlier: tuple[Earlier, ...]
    offer_place: str | None = None  # where the assessed offer's work is: city, country


async def summary(db: Database, content: Content, view: ChatView) -> CaseSummary:
    """The summary of the chat on `view`'s page."""
    entry = view.item.entry
    async with db.transaction() as session:
        convs = await queue_rows.conversations(session, ids=[entry.conversation_id])
        earlier = await queue_rows.earlier_handoffs(
            session, conversation_id=entry.conversation_id, before_id=entry.id
        )
    conv = convs.get(entry.conversation_id)
    state: Mapping[str, Any] = (conv.state or {}) if conv is not None else {}
    staff = content.languages.staff
    location = country_name(content, state.get("location"), staff)
    about = country_name(content, state.get("country"), staff)
    return CaseSummary(
        location=location,
        about=about if about != location else None,
        numbers=numbers_given(content, view.lines, state.get("location")),
        offer_place=_place(content, view.assessment, staff),
        earlier=tuple(Earlier(e.id, e.created_at, e.reason, e.status, e.outcome) for e in earlier),
    )


def _place(content: Content, assessment: Mapping[str, Any] | None, language: str) -> str | None:
    if not assessment:
        return None
    parts = [assessment.get("city"), country_name(content, assessment.get("country"), language)]
    return ", ".join(str(p) for p in parts if p) or None


def country_name(content: Content, code: Any, language: str) -> str | None:
    """A country code as staff read it (the hotline list's name), else the code itself."""
    if not code:
        return None
    names = (content.hotlines.get(str(code)) or {}).get("name") or {}
    return str(names.get(language) or code)


def numbers_given(
    content: Content, lines: Iterable[Message], location: str | None = None
) -> tuple[GivenNumber, ...]:
    """Every listed number one of the bot's lines contains, in the order first given.

    A number listed for several countries (112) is named as the person's country's line, or
    without a country when they are elsewhere.
    """
    said = [_digit_runs(m.text) for m in lines if m.direction == "out" and m.author == "bot"]
    listed: dict[str, dict[str, GivenNumber]] = {}
    for code, given in _listed(content):
        listed.setdefault(given.number, {}).setdefault(code, given)
    found: list[tuple[int, GivenNumber]] = []
    for number, where in listed.items():
        digits = re.sub(r"\D", "", number)
        first = next((i for i, runs in enumerate(said) if digits in runs), None)
        if first is None:
            continue
        given = where.get(location or "") or next(iter(where.values()))
        if len(where) > 1 and (location or "") not in where:
            given = GivenNumber(given.number, given.label, "")
        found.append((first, given))
    return tuple(given for _, given in sorted(found, key=lambda f: f[0]))


def _digit_runs(text: str) -> set[str]:
    """The phone numbers in a text as digits alone: «+996 999 312 002» is one, not «999»."""
    return {re.sub(r"\D", "", run) for run in PHONE.findall(text)}


def _listed(content: Content) -> Iterable[tuple[str, GivenNumber]]:
    staff = content.languages.staff
    for code, country in content.hotlines.items():
        name = str((country.get("name") or {}).get(staff) or code)
        for line in [*(country.get("emergency") or ()), *(country.get("hotlines") or ())]:
            number = str(line.get("number") or "")
            if number:
                label = str((line.get("label") or {}).get(staff) or "")
                yield code, GivenNumber(number, label, name)
