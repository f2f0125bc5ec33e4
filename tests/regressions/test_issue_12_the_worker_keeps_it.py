"""What the worker keeps, pays or is spared is no sign. Three blind dev parts (2026-12-04,
tests/data/offers_dev10–12.first.txt) rated 26 honest offers high or critical, mostly on
sentences that say the risk does not apply: the passport taken to the consulate by the
worker, costs «айлыктан кармалбайт», «аренду платите сами», a tourist visa that «не нужна»,
«никто не едет» on a guest visa, no going abroad at all. The same words with the boss
holding, deducting or sending still state the sign. Texts of our own, not the parts'."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("sign", "text"),
    [
        (
            "document_retention",
            "«Бишкек Курулуш» ЖЧК. Визага паспортту элчиликке өзүңүз"
            " тапшырасыз, бизге көчүрмөсү гана керек.",
        ),
        (
            "document_retention",
            "ООО «Вектор», Казань. Паспорт нужен только чтобы оформить"
            " договор, потом сразу отдают.",
        ),
        (
            "debt_bondage",
            "«Нур Агро» ЖЧК, Польша. Учак билетин компания төлөйт, айлыгыңыздан"
            " эч нерсе кармалбайт.",
        ),
        (
            "worker_pays_fee",
            "ООО «СтройДом», Москва. Жильё помогаем найти, аренду платите сами по обычной цене.",
        ),
        (
            "wrong_visa_or_status",
            "Hotel «Ege Resort», Анталья. Рабочее разрешение оформляет"
            " работодатель, туристическая виза не нужна, нельзя.",
        ),
        (
            "wrong_visa_or_status",
            "«Baltic Wood SIA», Латвия. Рабочая виза типа D; по гостевой визе никто не едет.",
        ),
        (
            "restricted_movement",
            "«Ала-Тоо Колл» ЖЧК, Бишкек, Чүй 00. Иш кеңседе, чет өлкөгө чыгуу жок.",
        ),
    ],
)
def test_what_the_worker_keeps_is_no_sign(catalogue: Catalogue, sign: str, text: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("sign", "text"),
    [
        ("document_retention", "Паспортуңузду бригадирге тапшырасыз, ал өзүндө сактайт."),
        ("debt_bondage", "Билетти биз алып беребиз, кийин айлыгыңыздан кармайбыз."),
        ("wrong_visa_or_status", "Едете по туристической визе, разрешение не нужно."),
        ("restricted_movement", "Жатаканадан сыртка чыгуу жок, дарбазада күзөт турат."),
    ],
)
def test_the_same_words_with_the_boss_state_it(catalogue: Catalogue, sign: str, text: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids
