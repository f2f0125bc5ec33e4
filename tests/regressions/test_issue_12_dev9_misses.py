"""Signs missed and honest offers alarmed in the blind-written offers_dev9 (2026-12-03) before
it was tuned on. Found: a guest visa named after its code («Виза C-3 (гостевая)»), «по
туристической» without the noun, «по студ визе», a student's visa «учиться не надо», work
under somebody else's data, papers «ал жакта бир жөнүн табабыз», «Оформление визы — 1000 $»,
a deposit refunded after the season (still a fee), a passport handed in «в части», «без
выезда», «места только до пятницы», money «только после 6 ай», «договорсуз», a pay range
judged by its middle, Latin «aiagynda» read as «аягында». Quiet: a worker's hearsay that the
other side's next turn denies («— Мне говорили… — У нас нет.»), what happened to the asker
before («Мурун бир жерде чыгарбай коюшкан»), that doing something is illegal («акча алышы
мыйзамсыз»), «кызматкерлер» (not «кыздар»), rent and meals at a stated price deducted,
documents handed in at a state migration centre, pay read across a sentence's end («чистыми.
Смены по 12 часов»), «потому что» (not «потом»), «график 2 2», «договор до выезда, долг жок»,
a one-time bonus «колго бир жолу»."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Корея, завод. Виза C-3 (гостевая), а дальше разберёмся.", "wrong_visa_or_status"),
        ("Дубай по туристической, на месте всё решим, 1800 AED.", "wrong_visa_or_status"),
        ("польша склад по студ визе 600$ за оформление", "wrong_visa_or_status"),
        ("Въезд по студенческой, учиться не надо, только работать.", "wrong_visa_or_status"),
        ("Без патента пока, аккаунт курьера оформим на чужие данные.", "wrong_visa_or_status"),
        ("Патент азырынча жок, ал жакта бир жөнүн табабыз.", "wrong_visa_or_status"),
        ("Работа певицей в Корее. Оформление визы — 1200 $ от вас.", "worker_pays_fee"),
        ("Депозит 300 $ за место, вернём после сезона.", "worker_pays_fee"),
        ("охрана объектов паспорт сдашь в части там хранят до конца", "document_retention"),
        ("Ферма под Тамбовом, живём на ферме без выезда.", "restricted_movement"),
        ("Склад, 90 000 ₽, места только до пятницы.", "pressure_urgency"),
        ("служба айына 200 миң но деньги на карту только после 6 ай", "wage_withholding"),
        ("Договорсуз эле иштейбиз, ишенимде.", "no_written_contract"),
        ("Склад в Подмосковье, от 180 000 до 260 000 ₽ в месяц, опыт не нужен.", "unrealistic_pay"),
        ("Rossiyada kurulush, aylyk kontrakt aiagynda bir jolu.", "wage_withholding"),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "— А аванс есть?\n— Да, 2 раза в месяц.\n— Мне говорили, что сначала месяц"
            " бесплатно…\n— У нас нет. Обучение оплачивается как смены.",
            "wage_withholding",
        ),
        (
            "Сиз: Жатаканадан чыгууга болобу? Мурун бир жерде чыгарбай коюшкан.\n"
            "Рекрутер: Биз андай кылбайбыз, эркин чыгасыз.",
            "restricted_movement",
        ),
        (
            "Жеке агенттиктер виза же жумуш берүү үчүн акча алышы мыйзамсыз.",
            "wrong_visa_or_status",
        ),
        (
            "Мейманкана кызматкерлерди алат: официант, бармендин жардамчысы.",
            "sexual_exploitation_risk",
        ),
        (
            "Жатакана: фермадагы караван, жумасына £65, айлыктан ачык-айкын кармалат.",
            "debt_bondage",
        ),
        ("Жатакана бекер, 3 убак тамак-аш 1000 теңгеден кармалат.", "debt_bondage"),
        (
            "Если патента нет, помогаем пройти медкомиссию и сдать документы в ММЦ, медкомиссию"
            " оплачивает компания.",
            "document_retention",
        ),
        (
            "ООО «МеталлПром», Тула: сварщики, от 95 000 до 130 000 ₽ чистыми. Смены по 12 часов,"
            " график 2/2.",
            "unrealistic_pay",
        ),
        (
            "Лицензии у нас нет, потому что мы консалтинговая компания, работаем по договору.",
            "no_written_contract",
        ),
        ("ооо стройресурс москва зп 3500 смена 12 часов график 2 2 официально", "excessive_hours"),
        ("Care Way KG: rabochaya viza, dogovor do vyezda, dolg jok.", "no_written_contract"),
        ("Аскер контракты: айлык 210 000 рубль, колго бир жолу 1 000 000.", "wage_withholding"),
    ],
)
def test_the_sign_is_not_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids
