"""The page's sections: each report table with its title, chart and labelled rows."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from bot.insights.charts import Bar, bars
from bot.insights.labels import Labels
from bot.services.insights.report import NAMES, Report
from bot.services.insights.tables import Table
from bot.web.words import Words

MAX_BARS = 15  # a chart shows the largest rows; the table and the CSV have them all


@dataclass(frozen=True, slots=True)
class Section:
    """One table as the page shows it."""

    name: str
    title: str
    note: str
    chart: Markup
    keys: int  # the first columns name things; the others are figures
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def sections(report: Report, labels: Labels, say: Words) -> list[Section]:
    found = []
    for name in NAMES:
        table = report.tables[name]
        title = say(f"{name}_title")
        rows = tuple(
            tuple(labels(k, v) for k, v in zip(table.keys, row, strict=False))
            + tuple("—" if v is None else str(v) for v in row[len(table.keys) :])
            for row in table.rows
        )
        headings = tuple(labels.column(c) for c in table.columns)
        chart = _chart(table, rows, title, say)
        note = say(f"{name}_note")
        found.append(Section(name, title, note, chart, len(table.keys), headings, rows))
    return found


def _chart(table: Table, rows: tuple[tuple[str, ...], ...], title: str, say: Words) -> Markup:
    """Counts as bars; the waiting times as median and p90 bars, each against its target."""
    width = len(table.keys)
    if table.name == "times":
        found = []
        for raw, row in zip(table.rows, rows, strict=True):
            target = float(raw[4]) if isinstance(raw[4], int | float) else None
            for value, which in ((raw[2], "median"), (raw[3], "p90")):
                found.append(Bar(f"{row[0]} — {say(which)}", value, target))
        return bars(title, found, unit=say("minutes_unit"))
    counted = [
        Bar(" · ".join(row[:width]), raw[width]) for raw, row in zip(table.rows, rows, strict=True)
    ]
    if table.name == "indicators":  # by month in the table; the chart shows the largest
        counted.sort(key=lambda bar: -bar.value if isinstance(bar.value, int) else 0)
    return bars(title, counted[:MAX_BARS])
