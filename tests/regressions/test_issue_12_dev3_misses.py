"""Signs the check missed in the blind-written offers_dev3 (2026-12-02) before it was tuned on:
a day written as clock times, a monthly amount with only «к», a package price, a fee next to
unpaid work, pay «at the end of the contract» said with «платим», pay every three months."""

from __future__ import annotations

import pytest

from bot.engine.extract.money import find_money
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text
from bot.engine.text.language import fold


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Ферма в Ростовской обл.: рабочий день с 6 до 22. +7 900 000-00-01", "excessive_hours"),
        ("Москва тигүү цехи. ⏰ 08:00–22:00. 📲 Айжан эже +7 900 000-00-02", "excessive_hours"),
        ("Сочиде курулуш, сменасы 07:00дөн 23:00гө чейин, Тилек байке", "excessive_hours"),
        ("Казакстанда ферма, 14 саат иш, шаарга чыгуу жок. Нурлан", "excessive_hours"),
        ("Чабан керек, таң атканда баштап караңгы киргенче иштейсиз", "excessive_hours"),
        ("🇦🇪 Дубай, работа в отеле\n💵 пакет 950$\n🏢 «Emir Visa KG», Бишкек", "worker_pays_fee"),
        ("🇰🇷 Кореяга тез!\n💵 3500$ — виза, билет, жумуш\n📍 «Корея Тур КГ»", "worker_pays_fee"),
        ("Германия, 2000€ за документы, ИП «Рахат», Ош", "worker_pays_fee"),
        (
            "Агентство «Гранд Вектор». Отправляем в Литву на склады. за оформление 900$,"
            " первый месяц испытательный без оплаты",
            "worker_pays_fee",
        ),
        ("на кирпичный завод в Казахстан, платим в конце контракта. Жандос", "wage_withholding"),
        ("Бурса тигүү цехи, айлык ар 3 айда. Гүлзат +90 500 000 00 00", "wage_withholding"),
        ("курулуш Москва, алгачкы 3 ай акысыз сынак, анан айлык чечилет", "wage_withholding"),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    [
        # A twelve-hour shift of a 2/2 schedule, a social package, calling hours.
        "Охранник, ООО «Щит», Москва, ул. Лесная 00. График 2/2 с 8.00 до 20.00, 70 000 руб.",
        "ООО «Вектор», Казань, ул. Мира 00: полный соц. пакет, зарплата 60 000 руб.",
        "ООО «Вектор», Казань, ул. Мира 00: упаковщик, звоните с 9 до 21, смена 8 часов.",
    ],
)
def test_ordinary_conditions_stay_quiet(catalogue: Catalogue, text: str) -> None:
    found = set(check_text(text, catalogue).indicator_ids)
    assert not found & {"excessive_hours", "worker_pays_fee"}


def test_a_monthly_amount_with_only_k_is_pay() -> None:
    (money,) = find_money(fold("стройка Казань, айына 350к"))
    assert (money.min, money.period) == (350_000.0, "month")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Telling the truth at the border is advice, not a cover story.
        (
            "Чек арада правду айтасыз, виза рабочая. ОсОО «Ала-Тоо Кадр», Бишкек",
            "deceptive_instructions",
        ),
        # A list ended by its predicate, without «и».
        (
            "ТОО «Астана Курылыс». Предоплаты, взносов, «оплаты за место» нет и не будет.",
            "worker_pays_fee",
        ),
        ("ООО «Хлебозавод», Казань. Удержания за жильё и проезд не производятся.", "debt_bondage"),
        ("ООО «Склад», Бишкек: комиссия 0 сом, договор до выезда.", "worker_pays_fee"),
        ("«Obsthof Keller GmbH», Баден: сбор яблок, 12,82 € в час.", "worker_pays_fee"),
        ("Германия, «Lindenhof GmbH»: тил курсун работодатель төлөйт.", "worker_pays_fee"),
        ("ОсОО «Ак Жол», Бишкек: паспортуңуз өзүңүздө калат.", "document_retention"),
        # Taken back at the end of the sentence (offers_train2).
        ("ОсОО «Байтерек Кадр». Говорят, что нужна предоплата — у нас её нет.", "worker_pays_fee"),
        ("ОсОО «Ала-Тоо», Бишкек: комиссия депозит андай нерсе бизде жок", "worker_pays_fee"),
        # Rent stated up front; a refusal two words before the sign (offers_train).
        (
            "ТОО «Жетісу», Алматы: общежитие рядом с объектом, стоимость 15 000 тенге в месяц,"
            " сумма указана в договоре",
            "worker_pays_fee",
        ),
        (
            "ОсОО «Евро Кадр»: мы не отправляем людей по туристическим визам.",
            "wrong_visa_or_status",
        ),
        (
            "Алматыдагы «Жибек Жол» цехи. Казакстанда Кыргызстандын жарандарына иш уруксаты"
            " талап кылынбайт.",
            "wrong_visa_or_status",
        ),
    ],
)
def test_an_honest_offer_that_rules_the_sign_out(
    catalogue: Catalogue, text: str, sign: str
) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # «No problems» denies problems, not the passport handed over.
        ("Паспорт сдаёте бригадиру, никаких проблем не будет", "document_retention"),
        ("Паспортту бригадирге тапшырасыз, эч кандай маселе жок", "document_retention"),
        ("выходить без хозяйки нельзя, живёшь в доме", "restricted_movement"),
        ("Мьянмада онлайн иш, сыртка чыгуу уруксат менен гана", "restricted_movement"),
        ("Стамбулда кам көрүү, родным говори что в гостях. Эсма", "deceptive_instructions"),
        ("Сеулда караоке-бар, үйдөгүлөргө официантка деп айт. Миргүл", "deceptive_instructions"),
        # A statement before a question about the whole offer is still stated (offers_train4).
        (
            "Орусияда курулушка киши керек, акча объект бүткөндө, эртең жөнөйбүз, ким барат?",
            "wage_withholding",
        ),
        ("паспорт сдаешь бригадиру патент не нужен ООО Казань Тара", "document_retention"),
        # «өзүндө» after the holder is his own place, not the worker's (offers_train4).
        ("Паспортторду фермер өзүндө сактайт, кайра жолдо берет.", "document_retention"),
    ],
)
def test_a_reassurance_does_not_take_the_sign_back(
    catalogue: Catalogue, text: str, sign: str
) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


def test_a_question_about_the_sign_still_states_nothing(catalogue: Catalogue) -> None:
    text = "Можно в Германию по туристической визе, а там оформиться?"
    assert "wrong_visa_or_status" not in check_text(text, catalogue).indicator_ids
