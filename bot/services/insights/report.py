"""The programme's figures for a period: what people ask, which signs show up where, how fast
operators answer — each a `Table`, read from the anonymous facts only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.services.insights.tables import SMALL, Cell, Table, counted, percentile, shown
from bot.storage import insights
from bot.storage.database import Database
from bot.storage.insights import Fact, Filters

__all__ = ["NAMES", "Filters", "InsightsReport", "Report", "Targets"]

LEVELS = ("critical", "high", "medium", "low")
RATINGS = ("up", "down")
NAMES = (
    "intents", "levels", "signs", "indicators", "pay", "reasons", "times", "outcomes", "ratings",
)  # fmt: skip
PAY_BANDS = ("under_500", "500_999", "1000_1999", "2000_2999", "3000_plus", "unknown")


@dataclass(frozen=True, slots=True)
class Targets:
    """Minutes the programme aims for: to take a handed-over chat, and to first reply."""

    claim: int
    reply: int


@dataclass(frozen=True, slots=True)
class Report:
    """Every table of one period and filter, by name (in `NAMES` order)."""

    filters: Filters
    tables: dict[str, Table]


class InsightsReport:
    """Reads the facts of a period and counts them into tables."""

    def __init__(self, db: Database, targets: Targets) -> None:
        self.db = db
        self.targets = targets

    async def report(self, filters: Filters) -> Report:
        async with self.db.transaction() as session:
            facts = {
                kind: await insights.read(session, kind=kind, filters=filters)
                for kind in ("question", "offer", "handoff", "claim", "reply", "close", "rating")
            }
        tables = [
            counted("intents", "intent", Counter(str(f.intent) for f in facts["question"])),
            counted("levels", "level", Counter(str(f.level) for f in facts["offer"]), LEVELS),
            counted("signs", "indicator", Counter(i for f in facts["offer"] for i in f.indicators)),
            signs(facts["offer"]),
            counted("pay", "pay_band", Counter(str(f.pay_band) for f in facts["offer"]), PAY_BANDS),
            counted("reasons", "reason", Counter(str(f.reason) for f in facts["handoff"])),
            self.times(facts["claim"], facts["reply"]),
            counted("outcomes", "outcome", Counter(str(f.outcome) for f in facts["close"])),
            counted("ratings", "rating", Counter(str(f.rating) for f in facts["rating"]), RATINGS),
        ]
        return Report(filters, {t.name: t for t in tables})

    async def choices(self) -> dict[str, list[str]]:
        """The channels, languages and countries there are facts of."""
        async with self.db.transaction() as session:
            return await insights.choices(session)

    def times(self, claims: Sequence[Fact], replies: Sequence[Fact]) -> Table:
        """Minutes to take a chat and to first reply: median and p90 against the target.

        Below five chats the median and p90 are not shown (they would be one chat's time).
        """
        rows: list[tuple[Cell, ...]] = []
        for measure, facts, target in (
            ("claim", claims, self.targets.claim),
            ("reply", replies, self.targets.reply),
        ):
            minutes = [(f.seconds or 0) / 60 for f in facts]
            if len(minutes) < SMALL:
                rows.append((measure, shown(len(minutes)), None, None, target, None))
                continue
            within = sum(1 for m in minutes if m <= target)
            rows.append((
                measure, len(minutes), round(percentile(minutes, 0.5), 1),
                round(percentile(minutes, 0.9), 1), target, round(100 * within / len(minutes)),
            ))  # fmt: skip
        figures = ("count", "median_minutes", "p90_minutes", "target_minutes", "within_target_pct")
        return Table("times", ("measure",), figures, tuple(rows))


def signs(offers: Sequence[Fact]) -> Table:
    """Indicators × destination × sector by month: how many offers showed each sign."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for fact in offers:
        month = fact.day.strftime("%Y-%m")
        for indicator in fact.indicators:
            counts[(month, indicator, fact.country or "", fact.sector or "")] += 1
    ordered = sorted(counts, key=lambda k: (k[0], -counts[k], k[1:]))
    rows = tuple((*key, shown(counts[key])) for key in ordered)
    return Table("indicators", ("month", "indicator", "country", "sector"), ("count",), rows)
