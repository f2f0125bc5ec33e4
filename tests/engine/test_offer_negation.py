"""Negation and its scope in the offer check: a denied sign is not found, a stated one is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text
from bot.engine.text.clauses import clauses
from bot.engine.text.ky_stem import stem
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


@pytest.mark.parametrize(
    "text",
    [
        "Никаких предоплат и сборов с работников нет! Работа на складе в Казани, ООО «Склад-Про».",
        "Паспорт у вас никто не заберёт, он всегда при вас.",
        "Эч кандай акы алынбайт, паспортуңузду эч ким алып калбайт.",
        "Паспортуңуз колуңузда калат, ЖЧК «Ала-Тоо Курулуш».",
    ],
)
def test_a_denied_sign_is_not_found(catalogue: Catalogue, text: str) -> None:
    found = set(check_text(text, catalogue).indicator_ids)
    assert not found & {"document_retention", "worker_pays_fee"}, found


def test_a_denied_passport_sign_answers_its_question(catalogue: Catalogue) -> None:
    result = check_text("Паспорт у вас никто не заберёт, он всегда при вас.", catalogue)
    assert "passport" not in [q.id for q in result.questions]


def test_a_sign_that_needs_the_negation_stays_found(catalogue: Catalogue) -> None:
    result = check_text("Работа в Москве, не отдают паспорт до конца сезона.", catalogue)
    assert "document_retention" in result.indicator_ids


def test_a_denial_does_not_reach_over_a_contrast(catalogue: Catalogue) -> None:
    result = check_text("Предоплаты нет, но паспорт сдаёте бригадиру.", catalogue)
    assert "document_retention" in result.indicator_ids
    assert "worker_pays_fee" not in result.indicator_ids


def test_clauses_split_at_a_contrast_and_at_sentence_ends() -> None:
    text = "Предоплаты нет, но паспорт сдаёте бригадиру. Акы албайбыз бирок паспортту сактайбыз"
    assert [text[c.start : c.end] for c in clauses(text)] == [
        "Предоплаты нет",
        "но паспорт сдаёте бригадиру",
        "Акы албайбыз",
        "бирок паспортту сактайбыз",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("паспортторунуздарды", "паспорт"), ("бригадирге", "бригадир"), ("жумушка", "жумуш")],
)
def test_kyrgyz_endings_are_peeled(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    "text",
    ["", "😀😀😀", "\x00\x01\x02 ��", "работа " * 5000, "ы" * 100_000],
)
def test_bad_input_gives_an_assessment(catalogue: Catalogue, text: str) -> None:
    result = check_text(text, catalogue)
    assert result.risk_level in ("low", "medium", "high", "critical")


# Tuned on the dev parts (2026-12-01): statements that name a sign without offering it.
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Паспортумду алып коюшабы? Жок, паспортуң өзүңдө калат.", "document_retention"),
        ("Говорят, паспорт забирают, у нас такого нет.", "document_retention"),
        ("Паспортту алып коюшат дешет, бизде андай жок.", "document_retention"),
        ("Если у вас просят предоплату 500$ за визу — это мошенники.", "worker_pays_fee"),
        ("На туристической визе не работаем, оформляем рабочую.", "wrong_visa_or_status"),
        ("Без письменного договора не работаем.", "no_written_contract"),
        ("Паспорт остаётся у работника.", "document_retention"),
        ("Зарплата раз в две недели на карту.", "wage_withholding"),
    ],
)
def test_named_but_not_offered(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Паспорт сразу отдаёшь бригадиру, он держит у себя.", "document_retention"),
        ("Хозяйка паспорт забрала и уже полгода не отдаёт.", "document_retention"),
        ("Эмгек акы 6 айдан кийин берилет.", "wage_withholding"),
        ("Первые 2 месяца не платят, пока долг не закроешь.", "wage_withholding"),
    ],
)
def test_still_stated(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


def test_a_kyrgyz_noun_in_ma_is_not_a_negative_verb(catalogue: Catalogue) -> None:
    """«жумасына» (weekly) had read as «жу-ма-с», a negative verb, and denied the sign."""
    text = "Жатаканадан сыртка жалгыз чыгууга уруксат жок, базарга жумасына бир жолу барасыздар."
    assert "restricted_movement" in check_text(text, catalogue).indicator_ids


def test_a_question_is_not_read_as_an_offer_by_the_model(catalogue: Catalogue) -> None:
    text = "— Сколько стоит ваша услуга? — Для работника бесплатно."
    assert "worker_pays_fee" not in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    [
        "Это мошенники? Паспорт сдаёте бригадиру.",
        "минтруддун тизмесинде жокпуз паспортту бригадирге тапшырасыз жакшыбы же алдамчыбы",
    ],
)
def test_someone_asking_whether_it_is_a_scam_still_gets_the_check(
    catalogue: Catalogue, text: str
) -> None:
    """A warning word in a question («…же алдамчыбы», «это мошенники?») had denied every sign."""
    assert check_text(text, catalogue).risk_level in ("high", "critical")


def test_a_scam_compound_named_across_lines_is_found(catalogue: Catalogue) -> None:
    post = "🔥 Срочно!\nStrana: Kambojadagy kompaniya\nJumush: online satuu, 3000$\nBilet biz"
    assert "scam_compound_risk" in check_text(post, catalogue).indicator_ids


def test_a_warning_about_the_place_is_no_scam_compound(catalogue: Catalogue) -> None:
    post = "Осторожно: в Камбоджу не езжайте, это мошенники!\nВакансия: онлайн-заказы, Бишкек."
    assert "scam_compound_risk" not in check_text(post, catalogue).indicator_ids


def test_a_negative_verb_after_a_comma_is_another_statements(catalogue: Catalogue) -> None:
    text = "Дубайга үй кызматчысы керек. Барганда паспортту кожоюн алат, үйдөн жалгыз чыкпайсыз."
    assert "document_retention" in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    "text",
    ["ukam Tula da zavoddo, pasportun aldyp koyushkan, eshikte kuzot turat",
     "На стройке в Туле паспорта сразу забирают, ходим без документов."],
)  # fmt: skip
def test_a_passport_they_take_needs_no_named_holder(catalogue: Catalogue, text: str) -> None:
    assert "document_retention" in check_text(text, catalogue).indicator_ids
