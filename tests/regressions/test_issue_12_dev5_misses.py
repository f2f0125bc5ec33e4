"""Signs the check missed, and honest offers it alarmed, in the blind-written offers_dev5
(2026-12-02) before it was tuned on: a lowercase company name in «» typed on a phone
(«кафе «сакура»»), a street without its dot («ул киевская 000»), a contract's or a day off's
«жок» that was read as denying the passport, a Russian «не нужно» that denies the permit after
it, a passport «директорго» without a verb, «эч ким сурабайт» (nobody asks) reaching over its
own verb, and pay: a signing bonus, «за рейс», «брутто в час»."""

from __future__ import annotations

import pytest

from bot.engine.extract.facts import extract_facts
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "жатакана заводдун ичинде паспортту хозяйн алат договор жок ватсап 0700000000",
            "document_retention",
        ),
        ("Pasportty kelgende firma ozunde saktayt. OOO «Baltik Logistik»", "document_retention"),
        ("Ферма, сыртка чыгууга уруксат жок, паспорт директорго.", "document_retention"),
        (
            "ищем операторов в мьянму виза туристическая на месте не нужно разрешение",
            "wrong_visa_or_status",
        ),
        ("Лес, тайга. Можно без документов и регистрации, на месте решим.", "wrong_visa_or_status"),
        (
            "«Шарм Дубай» агенттиги (мамлекеттик тизмеде жок) кыздарды алат",
            "unlicensed_agency",
        ),
        (
            "Агентство «Вахта» — мы не внесены в реестр частных агентств",
            "unlicensed_agency",
        ),
        ("Уборщица керек, эртең эле чыгыш керек, бүгүн эле чечкиле", "pressure_urgency"),
        ("Ун заводу, грузчик, бүгүн эле кел, ертең место жок", "pressure_urgency"),
        ("Дубай, мероприятия. Сүрөттөрүн купальникте сураптыр.", "sexual_exploitation_risk"),
        (
            "Выход из квартиры в свободное время — только с менеджером, по правилам безопасности",
            "restricted_movement",
        ),
        ("Жатакана фермада, шаарга кожоюн менен гана чыгасыз.", "restricted_movement"),
        # «эч ким» is spent on its own verb: nobody asks, and the passport still goes.
        (
            "курулушка эч ким сурабайт паспортту келгенде прорабга бересиз тел 0700000000",
            "document_retention",
        ),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("гостиница «ак-суу» каракол уборщица керек зп 22000сом тел 0700000000", "vague_employer"),
        ("«ак-буура» ун заводуна жукчу керек айлык 30000сом тел 0700000000", "vague_employer"),
        ("сушист керек бишкек ул киевская 000 зп 35000 тел 0700000000", "vague_employer"),
        ("Жумушчу керек, айлык 30000сом, дарек ленин 000, тел 0700000000", "vague_employer"),
        # A company named: «подробности в лс» does not make it unknown.
        ("ООО «Вектор», склад в Казани, подробности в лс", "vague_employer"),
        ("Тазалоочулар — 4 орун, айлык 20 000 сом.", "worker_pays_fee"),
        (
            "Проживание в квартирах по 3–4 человека, 500 злотых в месяц, вычет из зарплаты.",
            "debt_bondage",
        ),
        (
            "Келгенде паспортуңузду көрсөтүп гана бересиз, кайра өзүңүздө калат.",
            "document_retention",
        ),
        ("«Ош Жибек» фабрикасы. Айына 30 миң, 15-күнү ар ай картага.", "excessive_hours"),
        (
            "Бишкек агенттиги, Германияга ашпозчулар, предоплата жок, контракт учкага чейин.",
            "worker_pays_fee",
        ),
        # Real military pay is a soldier's, not a lure above the rate: the war is the danger.
        (
            "Контракт с МО РФ, единовременная выплата 1 800 000 ₽, далее 220 000 ₽/мес",
            "unrealistic_pay",
        ),
        (
            "Польша, склад: ставка 27 злотых брутто в час, в среднем 4 200 злотых на руки в месяц",
            "unrealistic_pay",
        ),
    ],
)
def test_the_honest_part_stays_quiet(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


def test_a_named_channel_is_no_employer() -> None:
    facts = extract_facts("Переслано из канала «Работа Москва 24/7»: склад, тел 0700000000")
    assert not [e for e in facts.entities if e.entity in ("employer", "agency")]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("кол койгондо эле 2 миллион рубль берет экен", "once"),
        ("при подписании контракта — до 2 000 000 ₽", "once"),
        ("доля от улова: 600 000 – 1 000 000 рубль за рейс", "season"),
        ("150 000 рублей за вахту", "vahta"),
        ("зарплата 80 000 рублей, вахта 30/30", None),
        ("ставка 27 злотых брутто в час", "hour"),
    ],
)
def test_the_pay_period_is_read(text: str, period: str | None) -> None:
    assert extract_facts(text).monies[0].period == period
