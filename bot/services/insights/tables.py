"""The figures as tables: named columns, rows of ids and counts, and the small-cell rule.

A count of 1 to 4 could point at one person in a small place or sector: it is shown as
"< 5" everywhere the figures leave Sapar (pages, charts, CSV). Zero stays zero.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = 5
HIDDEN = "< 5"
Cell = str | int | float | None


def shown(count: int) -> str | int:
    """A count as it may be shown: itself, or "< 5" for 1–4."""
    return HIDDEN if 0 < count < SMALL else count


@dataclass(frozen=True, slots=True)
class Table:
    """One report table: `keys` columns hold ids (labelled on the page), the rest figures."""

    name: str
    keys: tuple[str, ...]
    figures: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.keys, *self.figures)

    def csv(self) -> str:
        """The table as CSV with a header of column ids (small cells already "< 5")."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if c is None else c for c in row] for row in self.rows)
        return out.getvalue()


def counted(name: str, key: str, counts: dict[str, int], order: Sequence[str] = ()) -> Table:
    """A one-key table of counts: in `order` first (if given), then the largest first."""
    known = [k for k in order if k in counts]
    rest = sorted((k for k in counts if k not in order), key=lambda k: (-counts[k], k))
    rows = tuple((k, shown(counts[k])) for k in (*known, *rest))
    return Table(name, (key,), ("count",), rows)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (`share` 0.5 is the median) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
