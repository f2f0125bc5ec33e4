"""Facts of an offer: money, period, currency, places, contacts, organisations (ru, ky, Latin)."""

from __future__ import annotations

import pytest

from bot.engine.extract.entity import Entity
from bot.engine.extract.facts import extract_facts, find_entities


def _money(text: str) -> list[dict[str, object]]:
    return [dict(e.value) for e in find_entities(text) if e.entity == "money"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "amount_min", "amount_max", "currency", "period"),
    [
        ("ЗП 100к", 100_000, 100_000, None, None),
        ("3500 в смену", 3500, 3500, None, "shift"),
        ("2 500 000 вон", 2_500_000, 2_500_000, "KRW", None),
        ("от 3000$", 3000, None, "USD", None),
        ("зарплата 50-70 тыс руб в месяц", 50_000, 70_000, "RUB", "month"),
        ("50 т.р. в месяц", 50_000, 50_000, "RUB", "month"),
        ("оплата 400 р/час", 400, 400, "RUB", "hour"),
        ("25000—40000₽", 25_000, 40_000, "RUB", None),
        ("до 120 000 ₽", None, 120_000, "RUB", None),
        ("350 000 тенге в месяц", 350_000, 350_000, "KZT", "month"),
        ("3 000 дирхам в неделю", 3000, 3000, "AED", "week"),
        ("1200 евро", 1200, 1200, "EUR", None),
        ("3000 злотых", 3000, 3000, "PLN", None),
        ("28 000 лир", 28_000, 28_000, "TRY", None),
        ("1.5 млн вон", 1_500_000, 1_500_000, "KRW", None),
        ("«50 000 тыс. руб»", 50_000, 50_000, "RUB", None),
    ],
)
def test_money_in_russian(
    text: str,
    amount_min: float | None,
    amount_max: float | None,
    currency: str | None,
    period: str | None,
) -> None:
    found = _money(text)
    assert found == [{"min": amount_min, "max": amount_max, "currency": currency, "period": period}]


@pytest.mark.parametrize(
    ("text", "amount", "currency", "period"),
    [
        ("Айлык 1000 доллар", 1000, "USD", "month"),
        ("айына 1500 доллар", 1500, "USD", "month"),
        ("саатына 500 сом", 500, "KGS", "hour"),
        ("150 миң сом", 150_000, "KGS", None),
        ("күнүнө 3000 рубль", 3000, "RUB", "day"),
        ("1000 долларга чейин", 1000, "USD", None),
    ],
)
def test_money_in_kyrgyz(text: str, amount: float, currency: str, period: str | None) -> None:
    found = _money(text)
    assert found[0]["min"] == amount
    assert (found[0]["currency"], found[0]["period"]) == (currency, period)


def test_money_in_latin_script() -> None:
    assert _money("zarplata 1500 dollar v mesyac") == [
        {"min": 1500, "max": 1500, "currency": "USD", "period": "month"}
    ]
    assert _money("aylyk 800 evro")[0]["currency"] == "EUR"


@pytest.mark.parametrize(
    "text", ["работа 12 часов", "2024 год", "5 дней в неделю", "тел 8 999 123 45 67", "с 8 до 17"]
)
def test_numbers_that_are_not_pay(text: str) -> None:
    assert _money(text) == []


@pytest.mark.parametrize(
    ("text", "country", "city"),
    [
        ("Работа в Москве на складе", "RU", "Москва"),
        ("Москвага жумушка барабыз", "RU", "Москва"),
        ("Кореяга жумуш", "KR", None),
        ("Түркияда иш бар", "TR", None),
        ("v Koreyu na zavod", "KR", None),
        ("корейага иштегени барам", "KR", None),  # phone-typed
        ("кареяга жумуш", "KR", None),
        ("work in Turkey", "TR", None),
        ("в Южную Корею по EPS", "KR", None),
        ("Дубайда хостес", "AE", "Дубай"),
        ("Алматыга таш калоочулар", "KZ", "Алматы"),
        ("Орусияга жумушка", "RU", None),
        ("в Мьянму через Таиланд", "MM", None),
        ("склад в Санкт-Петербурге", "RU", "Санкт-Петербург"),
        ("Из Бишкека в Стамбул", "TR", "Стамбул"),
    ],
)
def test_destination(text: str, country: str, city: str | None) -> None:
    facts = extract_facts(text)
    assert (facts.country, facts.city) == (country, city)


@pytest.mark.parametrize(
    "text", ["знание английского языка", "китайский язык", "грузить коробки", "Казанга тамак"]
)
def test_words_that_are_not_places(text: str) -> None:
    assert [e for e in find_entities(text) if e.entity in ("country", "city")] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Звоните +996 555 123 456", "+996555123456"),
        ("тел. 0700 12 34 56", "0700123456"),
        ("WhatsApp: +7 (999) 123-45-67", "+79991234567"),
        ("8 701 234 5678", "87012345678"),
        ("+90 532 123 45 67", "+905321234567"),
        ("+971 50 123 4567", "+971501234567"),
        ("+82 10-1234-5678", "+821012345678"),
        ("010-1234-5678", "01012345678"),
        ("+48 512 345 678", "+48512345678"),
    ],
)
def test_phones(text: str, value: str) -> None:
    phones = [e for e in find_entities(text) if e.entity == "phone"]
    assert [p.value for p in phones] == [value]


def test_two_phones_side_by_side_are_two() -> None:
    phones = [
        e.value for e in find_entities("+82 10-1234-5678 010-1234-5678") if e.entity == "phone"
    ]
    assert phones == ["+821012345678", "01012345678"]


def test_pay_ranges_are_not_phones() -> None:
    found = find_entities("зп 800 000 - 900 000 вон, с 01.02.2025 по 10.03.2025")
    assert [e.entity for e in found] == ["money"]


def test_handles_links_and_email() -> None:
    text = "пишите @manager_job или t.me/rabota_korea, сайт www.example.kg, почта hr@firma.kg"
    kinds = {(e.entity, e.value) for e in find_entities(text)}
    assert ("telegram_handle", "@manager_job") in kinds
    assert ("url", "t.me/rabota_korea") in kinds
    assert ("url", "www.example.kg") in kinds
    assert ("email", "hr@firma.kg") in kinds


def test_employer_and_agency_names() -> None:
    facts = extract_facts("ООО «СтройМир» набирает рабочих. Кадровое агентство «Евразия» поможет.")
    assert facts.employer == "ООО «СтройМир»"
    assert facts.agency == "Евразия"
    ky = extract_facts("«Алтын Жол» агенттиги Кореяга жиберет")
    assert ky.agency == "Алтын Жол"
    assert extract_facts("«Ала-Тоо Курулуш» ЖЧК Москвага чакырат").employer == "Ала-Тоо Курулуш"


def test_entity_spans_point_into_the_original_text() -> None:
    text = "Работа: Москвага! Айлык 2 500 000 вон, @korea_job, ООО «Ким»"
    for e in find_entities(text):
        assert isinstance(e, Entity)
        assert 0 <= e.start < e.end <= len(text)
    spans = {e.entity: text[e.start : e.end] for e in find_entities(text)}
    assert spans["city"] == "Москвага"
    assert spans["money"] == "2 500 000 вон"
    assert spans["telegram_handle"] == "@korea_job"


def test_latin_spans_map_back_to_latin_words() -> None:
    text = "Rabota v Moskve, zarplata 90 000 rub"
    spans = {e.entity: text[e.start : e.end] for e in find_entities(text)}
    assert spans["city"] == "Moskve"
    assert spans["money"] == "90 000 rub"


def test_sector_and_facts_dict() -> None:
    facts = extract_facts(
        "Требуются швеи в цех в Казани, 60 000 руб. в месяц, тел +7 843 200 10 20"
    )
    assert facts.sector == "sewing"
    assert facts.to_dict() == {
        "country": "RU",
        "city": "Казань",
        "sector": "sewing",
        "pay": {"min": 60_000, "max": 60_000, "currency": "RUB", "period": "month"},
        "contacts": ["+78432001020"],
        "employer": None,
        "agency": None,
    }


def test_empty_text_has_no_entities() -> None:
    assert find_entities("") == []
    assert extract_facts("").to_dict()["pay"] is None
