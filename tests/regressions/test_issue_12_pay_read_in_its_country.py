"""High pay missed because the offer named no country the check knew: «сахалинге», «на
Камчатке», or a place it does not read, or none, but pay in roubles or tenge («Казанда»: the
Kyrgyz «казан» is also a cauldron, so the city is read only in Russian forms). The pay was
compared with the wide fallback for an unknown destination (up to $5,000 a month) instead of
the country's own (tuning parts offers_dev2 d2-0067, offers_dev4 t6-0159)."""

from __future__ import annotations

import pytest

from bot.engine.extract.facts import extract_facts
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("сахалинге балык заводуна киши керек", "Сахалин"),
        ("Путина на Камчатке", "Камчатка"),
        ("работа в Казани", "Казань"),
    ],
)
def test_the_place_is_read(text: str, city: str) -> None:
    assert extract_facts(text).city == city


@pytest.mark.parametrize(
    "text",
    [
        "ага бир киши Казанда жумуш бар дейт айына 300 мин рубль жүк ташуу үчүн",
        "сахалинге балык заводуна киши керек айына 400 миң рубль чыгат",
        "жүк ташуучу керек, айына 350 000 рубль, Болот +7 900 000 00 00",
    ],
)
def test_pay_far_above_the_countrys_is_found(catalogue: Catalogue, text: str) -> None:
    assert "unrealistic_pay" in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    [
        "склад, айына 80 000 рубль, ай сайын картага, «Логистик Плюс» ЖЧК",
        "Жүк ташуучу керек, айына 300 000 тенге, «Алтын Дан» ЖЧК",
    ],
)
def test_ordinary_pay_in_roubles_or_tenge_stays_quiet(catalogue: Catalogue, text: str) -> None:
    assert "unrealistic_pay" not in check_text(text, catalogue).indicator_ids
