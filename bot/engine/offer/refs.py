"""Reference data for the offer check: typical wages and the register of permitted agencies."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from bot.engine.extract.money import Money
from bot.engine.text.phrases import phrase_regex


class CatalogueError(ValueError):
    """Knowledge data is broken; the message names file, item and field."""


@dataclass(frozen=True, slots=True)
class WageRef:
    """Typical monthly pay in US dollars for a destination (and sector, or any sector)."""

    country: str | None
    sector: str | None
    low: float
    high: float
    source: str
    checked: str


@dataclass(frozen=True, slots=True)
class WageTable:
    """Wage references, exchange rates and the «far above» factor from wages.yml."""

    refs: tuple[WageRef, ...]
    rates: Mapping[str, float]
    per_month: Mapping[str, float]
    factor: float
    # Pay for a job "with no experience needed" is far above at a lower multiple of the top.
    factor_no_experience: float = 0.0
    no_experience: re.Pattern[str] | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> WageTable:
        """Validate wages.yml: every reference needs a range, a source and a date checked."""
        refs = []
        for i, row in enumerate(data.get("references") or ()):
            where = f"wages.yml: references[{i}]"
            rng = row.get("usd_month")
            if not (isinstance(rng, list) and len(rng) == 2 and rng[0] <= rng[1]):
                raise CatalogueError(f"{where}: usd_month: need [low, high]")
            if not row.get("source") or not row.get("checked"):
                raise CatalogueError(f"{where}: source and checked are required")
            refs.append(
                WageRef(
                    row.get("country"),
                    row.get("sector"),
                    float(rng[0]),
                    float(rng[1]),
                    str(row["source"]).strip(),
                    str(row["checked"]),
                )
            )
        rates = (data.get("rates_to_usd") or {}).get("rates") or {}
        if "USD" not in rates:
            raise CatalogueError("wages.yml: rates_to_usd.rates: USD is missing")
        return cls(
            refs=tuple(refs),
            rates={str(k): float(v) for k, v in rates.items()},
            per_month={str(k): float(v) for k, v in (data.get("per_month") or {}).items()},
            factor=float(data.get("factor", 2.0)),
            factor_no_experience=float(data.get("factor_no_experience") or 0.0),
            no_experience=_words(data.get("no_experience"), "wages.yml: no_experience"),
        )

    def limit(self, ref: WageRef, folded: str) -> float:
        """Monthly US dollars above which pay is far above `ref` for this (folded) offer."""
        easy = self.no_experience is not None and self.no_experience.search(folded)
        factor = self.factor_no_experience if easy and self.factor_no_experience else self.factor
        return ref.high * factor

    def reference(self, country: str | None, sector: str | None) -> WageRef | None:
        """The most specific reference: country+sector, then country, then the fallback."""
        for want in ((country, sector), (country, None), (None, None)):
            for ref in self.refs:
                if (ref.country, ref.sector) == want and (want[0] or want == (None, None)):
                    return ref
        return None

    def monthly_usd(self, pay: Money, default_currency: str | None) -> float | None:
        """The amount promised as US dollars a month. A range counts from its middle: «от 180 000
        до 250 000 ₽» lures with its top, and its bottom alone read it as ordinary pay."""
        if pay.min is not None and pay.max is not None:
            amount: float | None = (pay.min + pay.max) / 2
        else:
            amount = pay.min if pay.min is not None else pay.max
        currency = pay.currency or default_currency
        if amount is None or currency is None or currency not in self.rates:
            return None
        per = self.per_month.get(pay.period or "month", 1.0)
        return amount * self.rates[currency] * per


_LEGAL = re.compile(r"\b(?:ООО|ОсОО|ОАО|ЗАО|АО|ТОО|ИП|LLC|Ltd|агентств\w*|агенттиги)\b|[«»\"“”']")


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", _LEGAL.sub(" ", name)).strip().lower()


@dataclass(frozen=True, slots=True)
class AgencyRegistry:
    """Permitted agencies; `complete` when content staff marked the list the whole register."""

    names: tuple[str, ...]
    complete: bool
    threshold: float = 85.0

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AgencyRegistry:
        """Validate agencies.yml: each agency needs a name."""
        names = []
        for i, row in enumerate(data.get("agencies") or ()):
            name = row.get("name") if isinstance(row, Mapping) else None
            if not isinstance(name, str) or not name.strip():
                raise CatalogueError(f"agencies.yml: agencies[{i}]: name is required")
            names.append(name.strip())
        return cls(names=tuple(names), complete=bool(data.get("complete")) and bool(names))

    def match(self, name: str) -> str | None:
        """The permitted agency this name refers to (fuzzy), or None."""
        if not self.names:
            return None
        choices = [_norm(n) for n in self.names]
        found = process.extractOne(_norm(name), choices, scorer=fuzz.token_sort_ratio)
        if found is None or found[1] < self.threshold:
            return None
        return self.names[found[2]]


def _words(data: Any, where: str) -> re.Pattern[str] | None:
    """wages.yml's list of phrases as one regex at word starts; None if absent."""
    if data is None:
        return None
    if not isinstance(data, list) or not all(isinstance(w, str) and w.strip() for w in data):
        raise CatalogueError(f"{where}: expected a list of phrases")
    return phrase_regex(data, whole=False)
