"""Horizontal bar charts as inline SVG, drawn on the server: no script, no library, no CDN.

A bar per row, its value written at its end; a count shown as "< 5" gets a hatched stub of
no particular length, so the picture tells no more than the table. A row may carry a target
(minutes), drawn as a tick across its bar. Colours and the print look live in insights.css.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from bot.services.insights.tables import HIDDEN, Cell

WIDTH, LABEL, ROW, GAP, TOP = 760, 330, 26, 6, 8
MAX_LABEL = 40  # characters; a longer name is cut with "…" (the table has it whole)


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a chart: its label, value (a number, "< 5" or None) and optional target."""

    label: str
    value: Cell
    target: float | None = None


def _number(value: Cell) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def bars(title: str, rows: Sequence[Bar], *, unit: str = "") -> Markup:
    """An SVG bar chart titled `title` (for screen readers and as its tooltip)."""
    top = max([_number(r.value) for r in rows] + [r.target or 0.0 for r in rows] + [1.0])
    span = WIDTH - LABEL - 70
    height = TOP * 2 + len(rows) * (ROW + GAP)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" class="chart__hatch"/>'
        "</pattern></defs>",
    ]
    for i, row in enumerate(rows):
        y = TOP + i * (ROW + GAP)
        name = row.label if len(row.label) <= MAX_LABEL else row.label[: MAX_LABEL - 1] + "…"
        parts.append(
            f'<text class="chart__label" x="{LABEL - 8}" y="{y + ROW * 0.68:.1f}" '
            f'text-anchor="end">{escape(name)}</text>'
        )
        small = row.value == HIDDEN
        width = 10.0 if small else span * _number(row.value) / top
        fill = (
            'fill="url(#hatch)" class="chart__bar chart__bar--small"'
            if small
            else ('class="chart__bar"')
        )
        parts.append(f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{ROW}" {fill}/>')
        shown = "—" if row.value is None else f"{row.value}{unit if not small else ''}"
        parts.append(
            f'<text class="chart__value" x="{LABEL + width + 6:.1f}" '
            f'y="{y + ROW * 0.68:.1f}">{escape(shown)}</text>'
        )
        if row.target is not None:
            x = LABEL + span * row.target / top
            parts.append(
                f'<line class="chart__target" x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" '
                f'y2="{y + ROW + 2}"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # every text in it went through escape()
