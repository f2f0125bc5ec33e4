"""A probation period is not withheld pay. When the offers of dev1–dev7 went into the model's
training data (2026-12-03), their risky offers taught it that «испытательный срок» states
wage_withholding («первый месяц испытательный без оплаты»): 13 of the 530 real vacancies
(`../shared/corpora/ru_vacancies.jsonl`) became high for «Испытательный срок 3 месяца» alone.
Sentences of our own (knowledge/offer_model/sentences_8.jsonl) say what an ordinary
probation is; an unpaid one is still found."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    "text",
    [
        "ООО «Северный склад», Москва. Комплектовщик, 70 000 ₽ в месяц. Испытательный срок"
        " 3 месяца. Оформление по ТК РФ.",
        "Продавец-консультант в сеть магазинов «Дом обуви», Казань. После испытательного срока"
        " оклад повышается.",
        "Водитель погрузчика, АО «ТрансЛогистик», Екатеринбург. Испытательный срок до 2 месяцев,"
        " зарплата дважды в месяц.",
        "«Ала-Тоо Текстиль» цехи, Бишкек. Сыноо мөөнөтү 1 ай, айлык толук төлөнөт.",
    ],
)
def test_a_probation_is_no_sign(catalogue: Catalogue, text: str) -> None:
    assert "wage_withholding" not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    [
        "Склад в Литве, первый месяц испытательный срок без оплаты, потом 1200 евро.",
        "Биринчи эки ай испытательный срок, айлык төлөнбөйт.",
    ],
)
def test_an_unpaid_probation_is_withholding(catalogue: Catalogue, text: str) -> None:
    assert "wage_withholding" in check_text(text, catalogue).indicator_ids
