"""Measuring the offer check on a labelled set: per-indicator precision/recall, level matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import LEVELS, check_text


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts for one indicator; precision/recall are 1.0 when undefined (nothing to get wrong)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Per-indicator scores, the level confusion matrix (expected → predicted) and the misses."""

    total: int
    indicators: Mapping[str, Scores]
    confusion: Mapping[tuple[str, str], int]
    errors: tuple[dict[str, Any], ...] = field(default=())

    def count(self, expected: Iterable[str], predicted: Iterable[str]) -> int:
        """Rows whose expected level is in `expected` and predicted level in `predicted`."""
        exp, pred = set(expected), set(predicted)
        return sum(n for (e, p), n in self.confusion.items() if e in exp and p in pred)

    @property
    def overall(self) -> Scores:
        """Every indicator's counts added up (micro-averaged precision and recall)."""
        s = self.indicators.values()
        return Scores(sum(x.tp for x in s), sum(x.fp for x in s), sum(x.fn for x in s))

    @property
    def level_exact(self) -> float:
        """The share of offers whose level was exactly the expected one."""
        exact = sum(n for (e, p), n in self.confusion.items() if e == p)
        return exact / max(1, self.total)

    def to_text(self) -> str:
        """The report as a plain-text table."""
        lines = [f"offers: {self.total}", "", f"{'indicator':28} {'P':>6} {'R':>6}  tp fp fn"]
        for ind_id, s in self.indicators.items():
            lines.append(
                f"{ind_id:28} {s.precision:6.3f} {s.recall:6.3f} {s.tp:3} {s.fp:2} {s.fn:2}"
            )
        lines += ["", "level confusion (rows: expected, columns: predicted)"]
        lines.append(" " * 10 + "".join(f"{lvl:>10}" for lvl in LEVELS))
        for exp in LEVELS:
            cells = "".join(f"{self.confusion.get((exp, p), 0):>10}" for p in LEVELS)
            lines.append(f"{exp:10}{cells}")
        overall = self.overall
        lines += [
            "",
            f"all signs: precision {overall.precision:.3f}, recall {overall.recall:.3f};"
            f" level exact {self.level_exact:.3f}",
            f"high/critical rated low: {self.count(['high', 'critical'], ['low'])};"
            f" honest rated high/critical: {self.count(['low'], ['high', 'critical'])}",
            "",
            f"misses ({len(self.errors)}):",
        ]
        for e in self.errors:
            lines.append(
                f"  {e['id']}: level {e['level'][0]} -> {e['level'][1]};"
                f" missed {', '.join(e['missed']) or '-'}; extra {', '.join(e['extra']) or '-'}"
            )
        return "\n".join(lines)


def evaluate(rows: Iterable[Mapping[str, Any]], catalogue: Catalogue) -> EvalReport:
    """Check every labelled row ({"text", "indicators", "level"}) and compare."""
    ids = [ind.id for ind in catalogue.indicators]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    errors = []
    total = 0
    for row in rows:
        total += 1
        result = check_text(str(row["text"]), catalogue)
        got, want = set(result.indicator_ids), set(row.get("indicators") or ())
        for ind_id in ids:
            if ind_id in got and ind_id in want:
                tp[ind_id] += 1
            elif ind_id in got:
                fp[ind_id] += 1
            elif ind_id in want:
                fn[ind_id] += 1
        expected = str(row.get("level") or "low")
        confusion[(expected, result.risk_level)] += 1
        if got != want or expected != result.risk_level:
            errors.append(
                {
                    "id": row.get("id"),
                    "missed": sorted(want - got),
                    "extra": sorted(got - want),
                    "level": [expected, result.risk_level],
                }
            )
    scores = {i: Scores(tp[i], fp[i], fn[i]) for i in ids}
    return EvalReport(total, scores, dict(confusion), tuple(errors))
