"""Answers from knowledge/: short first, "more" with sources, country variants."""

from __future__ import annotations

from bot.engine.content.answers import shown_sources
from bot.engine.content.model import Content
from bot.engine.dialogue.events import Escalate
from bot.engine.dialogue.state import DialogueState
from tests.engine.test_dialogue import payloads, say

RU = DialogueState(language="ru", greeted=True)
KY = DialogueState(language="ky", greeted=True)


def test_a_question_gets_the_short_answer_and_a_more_button(content: Content) -> None:
    result = say(content, RU, "какие документы нужны")
    short = content.answers["documents"].general.short["ru"]
    assert result.replies[0].text == short
    assert payloads(result) == ["more:documents"]


def test_more_gives_the_detail_with_its_sources_and_dates(content: Content) -> None:
    result = say(content, KY, "Кененирээк", button="more:documents")
    answer = content.answers["documents"].general
    text = result.replies[0].text
    assert text.startswith(answer.more["ky"])
    first = shown_sources(answer.sources)[0]
    assert "Булактар:" in text and first.url in text and first.checked in text
    assert first.title["ky"] in text


def test_an_answer_with_country_variants_offers_the_countries(content: Content) -> None:
    result = say(content, RU, "как сделать регистрацию")
    assert set(payloads(result)) >= {"more:legal_stay", "answer:legal_stay:RU"}
    titles = [b.title for b in result.replies[0].buttons]
    assert "Россия" in titles
    chosen = say(content, result.state, "Россия", button="answer:legal_stay:RU")
    assert chosen.state.country == "RU"
    assert chosen.replies[0].text == content.answers["legal_stay"].by_country["RU"].short["ru"]
    assert payloads(chosen) == ["more:legal_stay:RU"]
    more = say(content, chosen.state, "Подробнее", button="more:legal_stay:RU")
    detail = content.answers["legal_stay"].by_country["RU"].more["ru"]
    assert more.replies[0].text.startswith(detail)


def test_a_known_country_picks_its_variant_at_once(content: Content) -> None:
    result = say(content, RU.but(country="KZ"), "регистрация")
    assert result.replies[0].text == content.answers["legal_stay"].by_country["KZ"].short["ru"]


def test_passport_taken_gets_the_answer_and_a_person(content: Content) -> None:
    result = say(content, RU, "у меня забрали паспорт")
    assert result.replies[0].text == content.answers["passport_taken"].general.short["ru"]
    assert any(isinstance(e, Escalate) and e.reason == "passport_taken" for e in result.events)


def test_forged_answer_buttons_fall_back_to_the_menu(content: Content) -> None:
    for payload in ("more:nothing", "answer:legal_stay:ZZ", "more:legal_stay:XX", "more:"):
        result = say(content, RU, "?", button=payload)
        assert "check_offer" in payloads(result), payload
