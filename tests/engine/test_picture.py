"""A picture's read text: the same offer check as pasted text, prefixed with what was read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.router import step
from bot.engine.dialogue.state import DialogueState
from bot.types import ConversationKey, Media, MessageKind, Picture, PictureOutcome, UserMessage

KEY = ConversationKey("test", "1")
NOW = datetime(2026, 12, 3, tzinfo=UTC)
OFFER = {
    "ru": "Срочно! Работа в Корее без визы и без языка, зарплата 3000$ в месяц. Паспорт "
    "сдаёте менеджеру по приезду. Предоплата 500$ за оформление. Пишите в Telegram @job_kr",
    "ky": "Кореяга жумуш, виза жок, тил билбесеңиз да болот, айлык 3000 доллар. Паспортуңузду "
    "барганда менеджерге тапшырасыз. Алдын ала 500 доллар төлөйсүз. Телеграм @job_kr",
}
LANGS = ("ky", "ru")


def picture(
    text: str, outcome: PictureOutcome = PictureOutcome.READ, caption: str = ""
) -> UserMessage:
    read = outcome is PictureOutcome.READ
    full = f"{caption}\n\n{text}" if caption and read else (text if read else caption)
    kind = MessageKind.TEXT if full else MessageKind.UNSUPPORTED
    return UserMessage(
        KEY, "p", NOW, text=full, kind=kind, media=Media.PHOTO,
        picture=Picture(outcome, text if read else ""),
    )  # fmt: skip


def greeted(lang: str, **kw: object) -> DialogueState:
    return DialogueState(language=lang, greeted=True, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_a_read_picture_gets_the_offer_check_of_its_text(content: Content, lang: str) -> None:
    from_picture = step(greeted(lang), picture(OFFER[lang]), content)
    pasted = step(greeted(lang), UserMessage(KEY, "t", NOW, text=OFFER[lang]), content)
    head = from_picture.replies[0].text
    assert head.startswith(content.text("picture_read", lang, excerpt="").split("«")[0])
    assert OFFER[lang][:40] in head
    assert [r.text for r in from_picture.replies[1:]] == [r.text for r in pasted.replies]
    assert from_picture.state.risk_level == pasted.state.risk_level == "critical"


def test_the_excerpt_is_short_and_cut_between_words(content: Content) -> None:
    long_text = OFFER["ru"] + " " + "Подробности при звонке. " * 40
    head = step(greeted("ru"), picture(long_text), content).replies[0].text
    excerpt = head.split("«", 1)[1].split("»", 1)[0]
    assert len(excerpt) <= 300 and excerpt.endswith("…")


def test_a_first_message_picture_is_welcomed_and_checked(content: Content) -> None:
    result = step(DialogueState(), picture(OFFER["ky"]), content)
    texts = [r.text for r in result.replies]
    assert texts[0].startswith(content.text("welcome", "ky"))
    assert texts[1].startswith("Сүрөттөн муну окудум")
    assert result.state.risk_level == "critical"


FAILURES = [o for o in PictureOutcome if o is not PictureOutcome.READ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("outcome", FAILURES)
def test_each_failure_gets_its_kind_reply_and_a_person_first(
    content: Content, lang: str, outcome: PictureOutcome
) -> None:
    result = step(greeted(lang), picture("", outcome), content)
    assert [r.text for r in result.replies] == [content.text(f"picture_{outcome.value}", lang)]
    assert result.replies[0].buttons[0].payload == "operator"


def test_a_failed_picture_s_caption_is_still_read(content: Content) -> None:
    message = picture("", PictureOutcome.UNREADABLE, caption=OFFER["ru"])
    result = step(greeted("ru"), message, content)
    assert result.replies[0].text == content.text("picture_unreadable", "ru")
    assert result.state.risk_level == "critical"


def test_a_caption_and_the_read_text_are_checked_together(content: Content) -> None:
    message = picture(OFFER["ru"], caption="Это правда? Хочу поехать")
    result = step(greeted("ru"), message, content)
    assert result.replies[0].text.startswith("Я прочитал")
    assert "Это правда" not in result.replies[0].text  # the excerpt is the picture's
    assert result.state.risk_level == "critical"


def test_in_a_hand_off_the_read_text_goes_to_the_operator(content: Content) -> None:
    result = step(greeted("ru", handoff=True), picture(OFFER["ru"]), content)
    assert not any(r.text.startswith("Я прочитал") for r in result.replies)
    failed = step(greeted("ru", handoff=True), picture("", PictureOutcome.FAILED), content)
    assert [r.text for r in failed.replies] == [content.text("media_handoff", "ru")]
