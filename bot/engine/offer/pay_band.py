"""An offer's pay as a coarse band, for anonymous figures: never the amount itself."""

from __future__ import annotations

from bot.engine.extract.facts import Facts
from bot.engine.offer.refs import WageTable
from bot.engine.offer.rules import HOME_CURRENCY, home_country

# Upper bounds in US dollars a month, and the band below each; above the last: "3000_plus".
BANDS = ((500.0, "under_500"), (1000.0, "500_999"), (2000.0, "1000_1999"), (3000.0, "2000_2999"))
TOP = "3000_plus"
UNKNOWN = "unknown"  # no pay named, or in a currency without a rate


def pay_band(facts: Facts, wages: WageTable) -> str:
    """The band of the pay promised, as US dollars a month (a range counts from its bottom)."""
    if facts.pay is None:
        return UNKNOWN
    usd = wages.monthly_usd(facts.pay, HOME_CURRENCY.get(home_country(facts) or ""))
    if usd is None:
        return UNKNOWN
    return next((band for limit, band in BANDS if usd < limit), TOP)
