"""The offers issue #12 reproduced with `python -m bot offer check`, each as it must come out."""

from __future__ import annotations

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


def test_passport_with_the_owner_so_it_is_not_lost(catalogue: Catalogue) -> None:
    text = (
        "Работа в Казахстане на ферме. Дорогу оплатим, потом отработаешь. "
        "Паспорт будет у хозяина, чтобы не потерялся."
    )
    result = check_text(text, catalogue)
    assert {"document_retention", "debt_bondage"} <= set(result.indicator_ids)
    assert "passport" not in [q.id for q in result.questions]  # the offer just said so


def test_computer_sales_in_cambodia_with_a_paid_ticket(catalogue: Catalogue) -> None:
    text = (
        "Ищем ребят на работу в Камбоджу, работа с компьютером, продажи онлайн, 3000$ в месяц, "
        "билет за наш счет"
    )
    assert check_text(text, catalogue).risk_level == "critical"


def test_massage_salon_in_istanbul_for_girls_under_30(catalogue: Catalogue) -> None:
    text = "Стамбулдагы массаж салонуна 30 жашка чейинки кыздар керек. Салондун батиринде жашайсыз."
    result = check_text(text, catalogue)
    assert "sexual_exploitation_risk" in result.indicator_ids


def test_forty_percent_of_wages_kept_for_three_months(catalogue: Catalogue) -> None:
    text = "Работа на складе, первые три месяца из зарплаты удерживаем 40% в счёт этих расходов"
    assert "debt_bondage" in check_text(text, catalogue).indicator_ids


def test_no_prepayments_or_fees_is_not_a_fee(catalogue: Catalogue) -> None:
    result = check_text("Никаких предоплат и сборов с работников нет!", catalogue)
    assert result.risk_level == "low"
    assert "fees" not in [q.id for q in result.questions]
