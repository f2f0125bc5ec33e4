"""Issue 13, item 12: the evidence quotes the user's words, and whole words.

After a follow-up answer the quote was the bot's own question; a quote stopped inside a
number («за визу 8» for «за визу 800$»).
"""

from __future__ import annotations

from bot.engine.content.model import Content
from bot.engine.dialogue.offer_flow import clip
from bot.engine.dialogue.state import DialogueState
from bot.engine.offer.case import OfferCase
from bot.engine.offer.risk import assess, check_text
from tests.engine.test_dialogue import say

OFFER = (
    "Набор на птицефабрику в Казахстан, г. Алматы. Зарплата 250 000 тенге в месяц, "
    "питание и жильё бесплатно. Звоните +7 701 555 44 33, Марат"
)
RU = DialogueState(language="ru", greeted=True)


def test_a_number_is_quoted_whole(content: Content) -> None:
    assert content.offers is not None
    for text, whole in (
        ("за визу 800$ надо заплатить", "за визу 800$"),
        ("надо заплатить за визу 8 000 рублей", "за визу 8 000"),
    ):
        fee = next(
            f for f in check_text(text, content.offers).findings if f.id == "worker_pays_fee"
        )
        assert whole in [e.text for e in fee.evidence], fee.evidence
        for e in fee.evidence:
            assert e.start is not None and text[e.start : e.end] == e.text


def test_a_long_quote_is_cut_between_words() -> None:
    text = "Оформление визы и билета, потом за визу 800$ ещё, а за медкомиссию 12 500 сом сразу"
    cut = clip(text, 60)
    assert cut.endswith("…") and len(cut) <= 60
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "


def test_an_answer_is_quoted_in_the_users_words(content: Content) -> None:
    state = say(content, RU, OFFER).state
    state = say(content, state, button="offer_no:passport").state
    assert state.question == "fees"
    typed = say(content, state, "да, 500 долларов за визу просят")
    report = typed.replies[0].text
    assert "Высокий риск" in report
    assert "Просят ли вас заплатить" not in report  # the bot's own question is not evidence
    assert "ваш ответ «да, 500 долларов за визу просят»" in report
    pressed = say(content, state, button="offer_yes:fees").replies[0].text
    assert "ваш ответ «Да»" in pressed and "Просят ли вас заплатить" not in pressed


def test_a_case_without_the_words_still_names_the_question(content: Content) -> None:
    assert content.offers is not None
    result = assess(OfferCase(texts=(OFFER,)).answer("fees", True), content.offers)
    fee = next(f for f in result.findings if f.id == "worker_pays_fee")
    assert "Ответ: да" in fee.evidence[0].text


def test_operators_still_read_an_answer_with_its_question(content: Content) -> None:
    from bot.services.operators.view import assessment

    state = say(content, RU, OFFER).state
    state = say(content, say(content, state, button="offer_no:passport").state, "да").state
    view = assessment(content, state.offer)
    assert view is not None
    fee = next(i for i in view["indicators"] if i["id"] == "worker_pays_fee")
    assert any("Просят ли вас заплатить" in e and "Ответ: да" in e for e in fee["evidence"])
