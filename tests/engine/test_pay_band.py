"""An offer's pay as a coarse band in US dollars a month (for anonymous figures only)."""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.extract.facts import extract_facts
from bot.engine.offer.pay_band import pay_band


def test_pay_is_banded_by_its_monthly_dollars(content: Content) -> None:
    assert content.offers is not None
    wages = content.offers.wages
    cases = {
        "Работа в Москве, зарплата 60 000 рублей в месяц": "500_999",
        "Стройка в Корее, оплата 3000$ в месяц": "3000_plus",
        "Работа в Турции, оплата 300$ в месяц": "under_500",
        "Работа в Дубае, звоните": "unknown",
    }
    for offer, band in cases.items():
        assert pay_band(extract_facts(offer), wages) == band, offer
