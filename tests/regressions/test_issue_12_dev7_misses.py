"""Signs missed and honest offers alarmed in the blind-written offers_dev7 (2026-12-02) before
it was tuned on: «лицензиясыз эле иштейбиз», a «жолдомо» paid for, a medical and a training
«за счёт работника», a visitor's visa, leaving and coming back in («чыгып кайра киресиң, эч
нерсе болбойт» — nothing happens is no denial); «паспортуңузду бербейсиз» (you do not hand it
over) and «кечиктирбейбиз» (we do not delay pay) are no signs; «Кенсе: Ош, Курманжан Датка 000»
is an address that makes an unnamed employer findable."""

from __future__ import annotations

import pytest

from bot.engine.extract.organisations import find_organisations
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text
from bot.engine.offer.rules import has_street


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("«Жол Башчы» ЖЧК: лицензиясыз эле иштейбиз, дарек Ош, Масалиев 000.", "unlicensed_agency"),
        ("Россияга жолдомо 8 000 сом, ошол күнү эле жөнөйсүз.", "worker_pays_fee"),
        (
            "Медкомиссия (8 000 ₽) и вводное обучение (5 000 ₽) — за счёт работника.",
            "worker_pays_fee",
        ),
        ("Работа в ОАЭ по визе посетителя, продлеваем её на месте.", "wrong_visa_or_status"),
        (
            "визасыз 90 кун иштейсиң анан чыгып кайра киресиң эч нерсе болбойт",
            "wrong_visa_or_status",
        ),
        (
            "онлайн чат в камбодже перелет оплатим потом вычтем из зп лицензии у нас нет",
            "debt_bondage",
        ),
        (
            "Айлык ар 3 айда бир эсептелет, анткени компания сыйлыкты да кошуп берет.",
            "wage_withholding",
        ),
        (
            "Фото в лс, родителям можно сказать, что едете работать официанткой",
            "deceptive_instructions",
        ),
        ("братан дубайда стройка 12-14 саат выходной жок", "excessive_hours"),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "«Жаныл Текстиль» тигүүчүлөрдү чакырат. Паспортуңузду бербейсиз, көчүрмөсү жетиштүү.",
            "document_retention",
        ),
        ("Айлык 30 миң сом, ай сайын. Кечиктирбей төлөйбүз.", "pressure_urgency"),
        ("Айлык ай сайын толук берилет, кечиктирбейбиз.", "pressure_urgency"),
        ("Жатакана бекер, айлыктан эч нерсе кармалбайт.", "debt_bondage"),
        ("Кыргыз жарандары Казакстанда уруксатсыз иштей алышат (ЕАЭС).", "unlicensed_agency"),
        ("Предоплаты у нас нет.", "worker_pays_fee"),
        ("Комиссии никакой тоже нет", "worker_pays_fee"),
        ("Зарплата каждый месяц, в конце сезона бонус 500$", "wage_withholding"),
        ("Туристтик виза менен жибербейбиз, ал мыйзамсыз.", "wrong_visa_or_status"),
        (
            "Жатакана: айына 4 000 рубль, ал айлыктан кармалбайт, өзүңүз төлөйсүз.",
            "worker_pays_fee",
        ),
        (
            "❌ Туристтик виза, «кагазсыз иштей бересиң» дегендер — бул биз эмес.",
            "wrong_visa_or_status",
        ),
        ("Курсы — 8 месяцев, стоимость курсов покрывает работодатель.", "worker_pays_fee"),
        (
            "Pasportunuzdu karmabaybyz, akcha tolotpoybuz, kelishim ishke kirgende tuzulot.",
            "document_retention",
        ),
    ],
)
def test_the_honest_part_stays_quiet(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


def test_pressure_to_decide_is_still_pressure(catalogue: Catalogue) -> None:
    text = "Орун аз калды, кечиктирбеңиз, бүгүн жазыңыз!"
    assert "pressure_urgency" in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Кенсе: Ош, Курманжан Датка 000.", True),
        ("Darek: Bishkek, Jibek Jolu 000", True),
        ("Адрес: г. Бишкек, ул Токтогула 12", True),
        ("Офис в центре, звоните 0555 00 00 00", False),
    ],
)
def test_a_labelled_address_with_its_town_first(text: str, street: bool) -> None:
    assert has_street(text) is street


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("онлайн чат в камбодже компания sea link", "sea link"),
        ("таиланд онлайн казино lucky bay турвиза менен", "lucky bay"),
        ("польша vistula study центр аркылуу регистрация", "vistula study"),
    ],
)
def test_a_latin_name_beside_what_it_is_names_the_employer(text: str, name: str) -> None:
    assert [e.value for e in find_organisations(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Переслано из «Подработка СНГ 💼»\nДевушки! Массажный салон в Анталии. Подробности в "
        "личку Диане.",
        "компания большая, в центре города",
    ],
)
def test_a_forwarding_channel_or_a_common_word_names_nobody(text: str) -> None:
    assert find_organisations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Бир гана нерсе — паспортуң менде турат, кепил катары, карыз бүткөндө кайра берем.",
        "Келгенде паспортторуңузду каттоо үчүн прорабга тапшырасыз, ал өзүндө сактайт.",
        "Паспортуңузду HR бөлүмүнө тапшырасыз, алар контракт бүткөнчө өздөрүндө сактайт.",
        "телефондорду бересинер паспорттор бригадирде турат ал жактан чыгуу жок 1 жыл",
    ],
)
def test_the_passport_kept_is_found(catalogue: Catalogue, text: str) -> None:
    assert "document_retention" in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    [
        "Паспортум менде турат, баары жакшы.",
        "Ооба, иш берүүчү паспортту кармап калууга укугу жок.",
        "Паспорт өзүңүздө калат.",
    ],
)
def test_the_passport_with_its_owner_is_no_sign(catalogue: Catalogue, text: str) -> None:
    assert "document_retention" not in check_text(text, catalogue).indicator_ids


def test_a_list_before_jok_is_denied_whole(catalogue: Catalogue) -> None:
    text = "Jumushka ornoshuu beker: aldyn ala tölöm, 'komissiya' je 'kattoo akysy' jok."
    assert "worker_pays_fee" not in check_text(text, catalogue).indicator_ids
