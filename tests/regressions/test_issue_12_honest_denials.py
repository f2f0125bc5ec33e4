"""Honest offers of the blind-written training offers (offers_train3) that the check alarmed:
a list under one negation, a denial after a dash, warnings, «бар» that is «there is»."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # One negation over a list: «танцовщиц» is its second item.
        (
            "Мы не набираем хостес, танцовщиц и «компаньонок» и не советуем откликаться на "
            "такие предложения. Сборщики на завод, ОсОО «Эмгек Групп», лицензия № 24-0000.",
            "sexual_exploitation_risk",
        ),
        # Said, then taken back after a dash.
        (
            "Говорят, что на складах отбирают документы — у нас такого нет. ОсОО «Сапар Ресурс», "
            "Бишкек, пр. Чуй, 000.",
            "document_retention",
        ),
        (
            "Туристтик визит менен иштетпейбиз — бул мыйзамсыз жана сиз үчүн коркунучтуу. "
            "Иштөө уруксатын фабрика алат.",
            "wrong_visa_or_status",
        ),
        # «кызым» is «my daughter», «барып» «having gone»: no bar, no girls wanted.
        (
            "кызым барып келди, Новосибирскидеги «Сибирь-Мех Фабрикасы» жакшы экен, айлыгын "
            "убагында берет",
            "sexual_exploitation_risk",
        ),
        # Submitting an application at the office is no passport handed over.
        (
            "Паспорт жана бардык документтер өзүңүздө.\nДокумент тапшыруу: Бишкек ш., Киев көч. "
            "000, 2-кабат.",
            "document_retention",
        ),
        (
            "Эмгек келишими немис тилинде, расмий кыргызча котормосу менен берилет.",
            "no_written_contract",
        ),
        (
            "Эгер кимдир бирөө «Россияда охрана, контракт, 300 миң» деп чакырса — абайлагыла, "
            "көпчүлүгү согуш аймагына алып кетет.",
            "military_recruitment",
        ),
        # offers_train4: typed on a phone, «өзүңүздө» comes out «озунузда».
        ("Паспортунуз озунузда калат. Иш 10 саат, жумасына бир дем алыш.", "document_retention"),
        ("Келишим Бишкекте кол коюлат, айлык айына бир жолу банкка түшөт.", "wage_withholding"),
        (
            "Жильё: караваны на территории фермы, стоимость проживания удерживается в пределах "
            "законного лимита и прописана в договоре.",
            "debt_bondage",
        ),
        (
            "Ходят объявления «работа в Таиланде оператором, 2000$, билет оплачен» — это "
            "вербовка в мошеннические колл-центры в Мьянме.",
            "scam_compound_risk",
        ),
    ],
)
def test_honest_statement_is_not_the_sign(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # The same words stated, not denied: each still found.
        (
            "Требуются танцовщицы в клуб в Дубае, 18-25 лет, фото обязательно.",
            "sexual_exploitation_risk",
        ),
        ("Стамбулда барда иштегенге кыздар керек, сулуу болуш керек.", "sexual_exploitation_risk"),
        ("Документтериңизди бизге тапшырасыз, ишти бүткөндө кайтарабыз.", "document_retention"),
        ("Паспорт забирают на складе, телефон тоже.", "document_retention"),
    ],
)
def test_the_stated_sign_is_still_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


def test_a_deduction_for_the_fare_is_still_a_debt(catalogue: Catalogue) -> None:
    text = "Билет покупаем мы, потом вычитаем из зарплаты, жильё 5000 ₽, прописано в договоре."
    assert "debt_bondage" in check_text(text, catalogue).indicator_ids


def test_a_fare_and_housing_deducted_by_contract_is_still_a_debt(catalogue: Catalogue) -> None:
    text = "Билет и жильё удерживаем из зарплаты, всё прописано в договоре."
    assert "debt_bondage" in check_text(text, catalogue).indicator_ids
