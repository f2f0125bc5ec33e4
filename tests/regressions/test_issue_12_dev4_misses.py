"""Signs the check missed, and honest offers it alarmed, in the blind-written offers_dev4
(2026-12-02) before it was tuned on: a Kyrgyz day whose part is named before the hour
(«таңкы 5тен кечки 9га чейин»), work in an occupied city («Вахта в Донецке»), passports «у
мастера», a licence «in process», a hostel paid openly, «вернуться домой» (going home, not
paying back), a first name and a phone beside a street address."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Кирпич заводу, жумуш таңкы 5тен кечки 9га чейин, выходной жок", "excessive_hours"),
        ("Массаж салону, иш убактысы кечки 4төн таңкы 6га чейин", "excessive_hours"),
        ("Moskvada kafe, saat 8den tunku 12ge cheyin, ar kunu", "excessive_hours"),
        ("Брат, мы в Екатеринбурге на заводе. Паспорта у мастера.", "document_retention"),
        ("Вахта, паспорта собирает бригадир на весь срок, пиши Жеке.", "document_retention"),
        ("Паспорттор компанияда «на визу» деп алышкан, 4 ай болду.", "document_retention"),
        ("Москвага жумуш! Каттоо 15 000 сом. Лицензия алуу процессинде.", "unlicensed_agency"),
        (
            "Кореяга агенттик. Лицензиясынын мооноту өтүп кеткен, азыр жаңыртып жатабыз.",
            "unlicensed_agency",
        ),
        (
            "ребят в корею на сезон мы не агентство лицензии нет оформление 1800 долларов",
            "unlicensed_agency",
        ),
        (
            "в корею на сезон, до понедельника надо оплатить, места заканчиваются",
            "pressure_urgency",
        ),
        ("Казино-отель, билет оплачиваем. Бронь мест до пятницы.", "pressure_urgency"),
        ("Армияда келишим. Кабыл алуу ушул айдын аягына чейин гана!", "pressure_urgency"),
        ("Kambodjaga operator, bilet beker, erteng ele uchasyng, Daniyar", "pressure_urgency"),
        ("Kytayga baram deseng 1500 dollar ber, studenttik viza jasap berem", "worker_pays_fee"),
        ("жол кире 8 миң сомду бүгүн кечке чейин картага салыш керек", "worker_pays_fee"),
        ("Төлөмдөр: виза кызматы – 1500 евро, баары алдын ала.", "worker_pays_fee"),
        ("Нидерланды, теплицы. Стоимость сопровождения: 2200 €.", "worker_pays_fee"),
        ("Вахта в Донецке, восстановление объектов, пиши Жеке.", "military_recruitment"),
        ("Луганскиге вахта, объект кайтаруу, жазгыла Кубаныч байкеге.", "military_recruitment"),
        ("Эртең Ростовго, андан ары «жаңы регионго» стройка.", "military_recruitment"),
        ("Зовут копать траншеи под Белгородом, ООО «Рубеж-Строй».", "military_recruitment"),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "ищем поваров в кафе, новосибирск красный проспект 00, з/п 65к, звоните +7 900 000",
            "vague_employer",
        ),
        (
            "Разнорабочие. Оплата каждый день. Объект: Ош, Анар кичирайону 00. Тел 0555 00 00",
            "vague_employer",
        ),
        ("Kelishim. Punkt: Moskva, Ugreshskaya koch. 00. Tel +7 900 000 00 00", "vague_employer"),
        (
            "Англияга! Айлык £5000. Бишкек кеңсеси: Токтогул 00, WhatsApp 0700 00 00 00",
            "vague_employer",
        ),
        (
            "Проживание: общежитие по 600 злотых в месяц, которое вы оплачиваете напрямую хозяину"
            " общежития; можете снимать жильё самостоятельно.",
            "worker_pays_fee",
        ),
        (
            "Жатакана бар: бир төшөк-орун айына 25 000 теңге, аны жатаканага өзүңүз ачык төлөйсүз.",
            "worker_pays_fee",
        ),
        ("Расходы: оператор не берёт с работника плату за трудоустройство.", "worker_pays_fee"),
        (
            "Иш уруксаты расмий алынат, туристтик виза менен эч кимди жөнөтпөйбүз.",
            "wrong_visa_or_status",
        ),
        (
            "Паспорт у работника. Вы можете расторгнуть договор и вернуться домой в любой момент.",
            "debt_bondage",
        ),
    ],
)
def test_the_honest_offer_stays_quiet(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids
