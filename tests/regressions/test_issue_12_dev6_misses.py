"""Honest offers the check alarmed, and pay it misread, in the blind-written offers_dev6
(2026-12-02) before it was tuned on: the employer's contributions and a trainee's stipend
«төлөнөт», the consular fee paid straight to the embassy, rent deducted «по договору», a
cost paid back at the season's end, a warning about «someone» who would keep the passport;
«зп 30000 смена 8ч» (the shift's length), «30000ден жогору» (Kyrgyz «from»), a package price
and a debt that are no pay."""

from __future__ import annotations

import pytest

from bot.engine.extract.money import find_money
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text
from bot.engine.offer.rules import has_street


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("▫ Айлык 50 000 сом, ай сайын\n▫ Расмий каттоо, Соцфонд төлөнөт", "worker_pays_fee"),
        (
            "Үйрөнчүктөр — 1 айлык бекер окуу, окуу учурунда стипендия 10 000 сом төлөнөт",
            "worker_pays_fee",
        ),
        ("Визалык сборду (консулдук төлөм) элчиликке өзүңүз түз төлөйсүз.", "worker_pays_fee"),
        (
            "Общежитие на двоих, удержание за жильё только по договору и не больше лимита.",
            "debt_bondage",
        ),
        ("Жол өзүңүздөн, бирок сезон бүткөндө 50% кайтарып беребиз.", "wage_withholding"),
        (
            "Паспорт: ар дайым сизде. Кимдир бирөө паспортту «сактап берем» десе — бизге чалыңыз.",
            "document_retention",
        ),
        ("склад бишкек ул ауэзова 000 зп 30000 смена 8ч 5/2 тел 0700000000", "unrealistic_pay"),
        ("Тигүүчү керек, «Ала-Тоо Текстиль», зп 30000ден жогору", "unrealistic_pay"),
        ("Корея, учеба и работа: пакет «школа + виза + жилье» — 6 000 $", "unrealistic_pay"),
        ("Россияда иштейт, кредиттерин жапканга алар 500 000 рубль алды", "unrealistic_pay"),
    ],
)
def test_the_honest_part_stays_quiet(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Визага 800 доллар төлөнөт, алдын ала.", "worker_pays_fee"),
        ("Каттоо үчүн 5000 сом төлөйсүз.", "worker_pays_fee"),
    ],
)
def test_a_fee_is_still_a_fee(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("зп 30000 смена 8ч", None),
        ("зп 30000ден жогору", None),
        ("2 100 000 ₽ единовременно", "once"),
        ("1500 сом смена", "shift"),
        ("зп 1500/смена", "shift"),
    ],
)
def test_the_pay_period_is_read(text: str, period: str | None) -> None:
    assert find_money(text)[0].period == period


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Пункт Москва Угрешская 000, контракт", True),
        ("Пункт отбора «Резерв», ул. Садовая 00", True),
        ("Оплата согласно пункту 5 договора", False),
        ("пункт 3: оплата 200к, пишите в лс", False),
    ],
)
def test_a_recruitment_point_is_an_address_a_contract_clause_is_not(
    text: str, street: bool
) -> None:
    assert has_street(text) is street


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("бүгүн жазылгыла эртең старт", "pressure_urgency"),
        ("Казанга завод, договор жок, эртең эле жол", "pressure_urgency"),
        ("охрана в новых регионах, завтра отправка", "pressure_urgency"),
        ("жатакана склад ичинде сыртка выходной жок чыкпайсын", "restricted_movement"),
        ("паспорт фабрикада турат, территориядан чыкканга болбойт", "restricted_movement"),
        ("posyolok zakrytyi, vyezd tolko posle kontrakta", "restricted_movement"),
        ("живешь на базе выход только по выходным с разрешения", "restricted_movement"),
        ("13саат иштейбиз дем алыш жок айлык 2айдан кийин", "wage_withholding"),
        ("14 saat smena, dem alysh jok, ailyk 3 aidan kiyin, bilet", "wage_withholding"),
    ],
)
def test_leaving_tomorrow_staying_in_pay_months_away_are_found(
    catalogue: Catalogue, text: str, sign: str
) -> None:
    assert sign in check_text(text, catalogue).indicator_ids
