"""The offer check: evidence, levels, score, questions, answers, case state, empty input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine.offer.case import OfferCase
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import assess, check_text, risk_level
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
RUSSIAN_SCAM = (
    "Срочно! Работа на складе в Москве, 80 000 руб. в месяц. "
    "По приезду паспорт сдаёте бригадиру на регистрацию. "
    "Оплата за оформление 5000 руб. Пишите в WhatsApp +7 999 123 45 67"
)
HONEST_RU = (
    "ООО «Логистик Плюс» — комплектовщики на склад в Подольске: 75 000 руб/мес, 5/2 по 9 "
    "часов, трудовой договор до выезда, медосмотр за счет компании. Сайт logistik-plus.ru"
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def _finding(result_dict: dict[str, object], ind_id: str) -> dict[str, object]:
    for item in result_dict["indicators"]:  # type: ignore[attr-defined]
        if item["id"] == ind_id:
            return dict(item)
    raise AssertionError(f"{ind_id} not found")


def test_evidence_spans_point_to_the_words(catalogue: Catalogue) -> None:
    result = check_text(RUSSIAN_SCAM, catalogue)
    assert result.risk_level == "critical"
    assert set(result.indicator_ids) == {"document_retention", "worker_pays_fee", "vague_employer"}
    for finding in result.findings:
        for ev in finding.evidence:
            assert ev.start is not None and ev.end is not None
            assert RUSSIAN_SCAM[ev.start : ev.end] == ev.text
    passport = _finding(result.to_dict(), "document_retention")
    assert passport["evidence"][0]["text"] == "паспорт сдаёте"  # type: ignore[index]
    fee = _finding(result.to_dict(), "worker_pays_fee")
    assert fee["evidence"][0]["text"] == "Оплата за оформление"  # type: ignore[index]


def test_latin_kyrgyz_evidence_is_quoted_from_the_original(catalogue: Catalogue) -> None:
    text = "Koreyaga jumush! Viza uchun 1500 dollar toloysuz. Ertең ele uchabyz. @korea_kg"
    result = check_text(text, catalogue)
    assert result.language == "ky"
    fee = next(f for f in result.findings if f.id == "worker_pays_fee")
    ev = fee.evidence[0]
    assert ev.start is not None and text[ev.start : ev.end] == ev.text
    assert ev.text.startswith("Viza")


def test_json_shape(catalogue: Catalogue) -> None:
    data = check_text(RUSSIAN_SCAM, catalogue).to_dict()
    assert list(data) == [
        "language",
        "risk_level",
        "score",
        "indicators",
        "facts",
        "questions",
        "advice",
    ]
    assert data["language"] == "ru"
    assert set(data["facts"]) == {
        "country",
        "city",
        "sector",
        "pay",
        "contacts",
        "employer",
        "agency",
    }
    assert data["facts"]["pay"] == {
        "min": 80_000,
        "max": 80_000,
        "currency": "RUB",
        "period": "month",
    }
    assert set(data["indicators"][0]) == {"id", "severity", "evidence", "explanation"}
    json.dumps(data, ensure_ascii=False)  # serialisable


def test_explanations_follow_the_language(catalogue: Catalogue) -> None:
    ru = check_text(RUSSIAN_SCAM, catalogue)
    ky = check_text(RUSSIAN_SCAM, catalogue, language="ky")
    assert ru.findings[0].explanation != ky.findings[0].explanation
    assert any(ch in ky.findings[0].explanation for ch in "өүң")
    assert ky.language == "ky"


def test_honest_offer_is_low_and_says_what_to_check(catalogue: Catalogue) -> None:
    result = check_text(HONEST_RU, catalogue)
    assert result.risk_level == "low"
    assert result.findings == ()
    assert result.score < 20
    ids = [q.id for q in result.questions]
    assert "contract" not in ids  # the offer says it: «трудовой договор до выезда»
    assert ids[:2] == ["passport", "fees"]
    assert "не значит «безопасно»" in result.advice[0]


def test_level_policy_counts() -> None:
    rules = {
        "critical": {"any": "critical", "count": {"high": 3}},
        "high": {"any": "high", "count": {"medium": 3}},
        "medium": {"any": "medium"},
    }
    assert risk_level([], rules) == "low"
    assert risk_level(["medium", "medium"], rules) == "medium"
    assert risk_level(["medium"] * 3, rules) == "high"
    assert risk_level(["high", "high"], rules) == "high"
    assert risk_level(["high"] * 3, rules) == "critical"
    assert risk_level(["critical"], rules) == "critical"


def test_score_stays_in_the_level_band(catalogue: Catalogue) -> None:
    bands = catalogue.policy.bands
    for text in (RUSSIAN_SCAM, HONEST_RU, "Выезд завтра! Пишите в личку"):
        result = check_text(text, catalogue)
        low, high = bands[result.risk_level]
        assert low <= result.score <= high


def test_negation_in_the_same_sentence_cancels(catalogue: Catalogue) -> None:
    paid = check_text("ООО «Ак Жол»: оплата визы за счет работодателя.", catalogue)
    assert "worker_pays_fee" not in paid.indicator_ids
    eaeu = check_text("ТОО «Курылыс»: граждане ЕАЭС работают без разрешения на работу.", catalogue)
    assert "wrong_visa_or_status" not in eaeu.indicator_ids


def test_answer_yes_adds_the_indicator_with_the_answer_as_evidence(catalogue: Catalogue) -> None:
    case = OfferCase().add_text(HONEST_RU)
    before = assess(case, catalogue)
    assert "fees" in [q.id for q in before.questions]
    after = assess(case.answer("fees", True), catalogue)
    assert after.risk_level == "high"
    fee = next(f for f in after.findings if f.id == "worker_pays_fee")
    assert fee.evidence[0].start is None
    assert "Ответ: да" in fee.evidence[0].text
    assert "fees" not in [q.id for q in after.questions]


def test_answer_no_resolves_the_question(catalogue: Catalogue) -> None:
    case = OfferCase(texts=(HONEST_RU,)).answer("fees", False)
    result = assess(case, catalogue)
    assert result.risk_level == "low"
    assert "fees" not in [q.id for q in result.questions]


def test_safe_question_answered_no_adds_risk(catalogue: Catalogue) -> None:
    text = "Работа в Польше на складе, ООО «Склад ПЛ», 1200 евро."
    case = OfferCase(texts=(text,))
    assert "contract" in [q.id for q in assess(case, catalogue).questions]
    result = assess(case.answer("contract", False), catalogue)
    assert "no_written_contract" in result.indicator_ids
    assert result.risk_level == "medium"


def test_a_sentence_that_adds_a_fact_updates_the_assessment(catalogue: Catalogue) -> None:
    case = OfferCase(texts=(HONEST_RU,))
    more = case.add_text("Менеджер сказал, что паспорт заберут на хранение.")
    result = assess(more, catalogue)
    assert result.risk_level == "critical"
    ev = next(f for f in result.findings if f.id == "document_retention").evidence[0]
    assert ev.start is not None
    assert more.full_text[ev.start : ev.end] == ev.text


def test_case_round_trips_through_json(catalogue: Catalogue) -> None:
    case = OfferCase(texts=(RUSSIAN_SCAM,), language="ky").answer("contract", False)
    restored = OfferCase.from_dict(json.loads(json.dumps(case.to_dict())))
    assert restored == case
    assert assess(restored, catalogue).to_dict() == assess(case, catalogue).to_dict()


def test_visa_question_not_asked_for_eaeu(catalogue: Catalogue) -> None:
    russia = check_text("ООО «Ромашка», Москва, склад, 70 000 руб.", catalogue)
    korea = check_text("Компания «Ким», Корея, завод, 2 000 000 вон.", catalogue)
    assert "visa" not in [q.id for q in russia.questions]
    assert "visa" in [q.id for q in korea.questions]


def test_pay_far_above_reference(catalogue: Catalogue) -> None:
    result = check_text("ООО «Чистота», уборщица в Москве, 400 000 руб. в месяц.", catalogue)
    assert "unrealistic_pay" in result.indicator_ids
    normal = check_text("ООО «Чистота», уборщица в Москве, 60 000 руб. в месяц.", catalogue)
    assert "unrealistic_pay" not in normal.indicator_ids


def test_empty_input_gets_a_clear_message(catalogue: Catalogue) -> None:
    for text in ("", "   \n "):
        result = check_text(text, catalogue)
        assert result.empty
        assert result.message and "пустой" in result.message
        assert result.to_dict()["message"] == result.message
    ky = check_text("", catalogue, language="ky")
    assert ky.message and "бош" in ky.message


def test_very_long_text_is_assessed(catalogue: Catalogue) -> None:
    text = (HONEST_RU + " ") * 600 + RUSSIAN_SCAM
    result = check_text(text, catalogue)
    assert result.risk_level in ("low", "medium", "high", "critical")


@pytest.mark.parametrize(
    ("text", "far_above"),
    [
        ("Туркияга кафеге официант, 2000 доллар айлык, тажрыйба кереги жок.", True),
        ("Туркияга кафеге официант, 2000 доллар айлык, тажрыйбасы бар адам.", False),
        ("В Казани грузчики, 300 000 руб в месяц, опыт не нужен.", True),  # the city's country
        ("UAE, kuryer, 5000$ aylyk, tajryyba kerek emes.", True),
    ],
)
def test_pay_far_above_with_no_experience_needed(
    catalogue: Catalogue, text: str, far_above: bool
) -> None:
    assert ("unrealistic_pay" in check_text(text, catalogue).indicator_ids) is far_above
