"""Forty conversations' worth of anonymous facts, as the services write them.

Russia: 25 offers (worker pays a fee, construction); Korea: 12 (pay far above, factory); the
UAE: 3 on one day (passport kept and pressure, hospitality) — a cell of 3, shown "< 5".
Every fourth conversation was handed to an operator and rated.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.clock import utcnow
from bot.storage import insights
from bot.storage.database import Database
from bot.storage.insights import Fact

CHANNELS = ("telegram", "whatsapp", "webchat")
INTENTS = ("legal_stay", "documents", "check_offer", "unpaid_wages", "greet")
REASONS = ("critical_offer", "asked_for_human", "passport_taken")
OUTCOMES = ("advised", "referred_shelter", "advised", "other")


def offer_of(i: int, day: date, today: date) -> tuple[str, date, str, tuple[str, ...], str]:
    """Country, day, level, signs and sector of conversation `i`'s offer."""
    if i < 25:
        return "RU", day, "high", ("worker_pays_fee",), "construction"
    if i < 37:
        return "KR", day, "medium", ("unrealistic_pay",), "factory"
    return "AE", today - timedelta(days=1), "critical", ("document_retention",), "hospitality"


async def seed(db: Database, conversations: int = 40) -> date:
    """Write the facts; returns the day they were seeded relative to (today, UTC)."""
    today = utcnow().date()
    async with db.transaction() as s:
        for i in range(conversations):
            day = today - timedelta(days=i % 10)
            channel, language = CHANNELS[i % 3], ("ky", "ru")[i % 2]
            country, offer_day, level, signs, sector = offer_of(i, day, today)
            intent = INTENTS[i % len(INTENTS)]
            await insights.add(s, Fact("question", day, channel, language, country, intent=intent))
            await insights.add(s, Fact(
                "offer", offer_day, channel, language, country, level=level, indicators=signs,
                sector=sector, pay_band="1000_1999" if country == "KR" else "500_999",
            ))  # fmt: skip
            if i % 4:
                continue
            reason = REASONS[(i // 4) % 3]
            base = Fact("handoff", day, channel, language, country, reason=reason)
            await insights.add(s, base)
            for kind, minutes in (("claim", 5 + i), ("reply", 8 + i)):
                fact = Fact(kind, day, channel, language, country, reason=reason)
                await insights.add(s, replace(fact, seconds=minutes * 60))
            await insights.add(s, replace(base, kind="close", outcome=OUTCOMES[(i // 4) % 4]))
            await insights.add(s, Fact("rating", day, channel, language, country,
                                       rating="up" if i % 8 == 0 else "down"))  # fmt: skip
    return today
