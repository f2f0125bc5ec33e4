"""Media answered by kind, in both languages, in and out of a hand-off; locations → numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.engine.content.model import Content
from bot.engine.dialogue.media import emoji_only
from bot.engine.dialogue.router import Step, step
from bot.engine.dialogue.state import DialogueState, Mode
from bot.types import ConversationKey, Media, MessageKind, Point, UserMessage

KEY = ConversationKey("test", "1")
NOW = datetime(2026, 12, 2, tzinfo=UTC)
ISTANBUL, BISHKEK, ATLANTIC = Point(41.01, 28.98), Point(42.87, 74.59), Point(30.0, -40.0)
LANGS = ("ky", "ru")


def send(content: Content, state: DialogueState, media: Media | None, **kw: object) -> Step:
    message = UserMessage(KEY, "m", NOW, kind=MessageKind.UNSUPPORTED, media=media, **kw)  # type: ignore[arg-type]
    return step(state, message, content)


def payloads(result: Step) -> list[str]:
    return [b.payload for reply in result.replies for b in reply.buttons]


def chatting(lang: str, *, handoff: bool = False) -> DialogueState:
    return DialogueState(language=lang, greeted=True, handoff=handoff)


KINDS = [m for m in Media if m is not Media.LOCATION]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("media", KINDS)
def test_each_kind_gets_its_own_reply_with_a_menu(
    content: Content, lang: str, media: Media
) -> None:
    result = send(content, chatting(lang), media)
    assert [r.text for r in result.replies] == [content.text(f"media_{media.value}", lang)]
    assert "check_offer" in payloads(result)
    assert result.state.language == lang and not result.events


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("media", [Media.VOICE, Media.PHOTO])
def test_voice_and_pictures_offer_a_person_first(content: Content, lang: str, media: Media) -> None:
    result = send(content, chatting(lang), media)
    assert payloads(result)[0] == "operator"


def test_the_kind_replies_say_what_cannot_be_done_in_each_language(content: Content) -> None:
    assert "голосовые" in send(content, chatting("ru"), Media.VOICE).replies[0].text
    assert "Үн билдирүүлөрүн" in send(content, chatting("ky"), Media.VOICE).replies[0].text
    assert "текст" in send(content, chatting("ru"), Media.PHOTO).replies[0].text
    assert "Сүрөттөрдү" in send(content, chatting("ky"), Media.PHOTO).replies[0].text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("media", KINDS)
def test_in_a_handoff_the_user_learns_the_operator_cannot_open_it(
    content: Content, lang: str, media: Media
) -> None:
    result = send(content, chatting(lang, handoff=True), media)
    assert [r.text for r in result.replies] == [content.text("media_handoff", lang)]
    assert payloads(result) == [] and result.state.handoff and not result.events


def test_media_the_channel_did_not_name_gets_the_old_hint(content: Content) -> None:
    result = send(content, chatting("ru"), None)
    assert result.replies[0].text == content.text("unsupported", "ru")


@pytest.mark.parametrize("handoff", [False, True])
@pytest.mark.parametrize("lang", LANGS)
def test_a_location_in_istanbul_gives_turkeys_numbers(
    content: Content, lang: str, handoff: bool
) -> None:
    result = send(content, chatting(lang, handoff=handoff), Media.LOCATION, point=ISTANBUL)
    found, numbers = result.replies
    assert content.hotlines["TR"]["in_country"][lang] in found.text
    assert "157" in numbers.calls and "112" in numbers.calls
    assert "189" not in numbers.calls  # a home-only line is not given abroad
    assert result.state.location == "TR" and result.state.handoff is handoff
    assert "country:KG" in payloads(result)  # to correct a coarse box
    assert not result.events


@pytest.mark.parametrize("lang", LANGS)
def test_a_location_in_bishkek_gives_kyrgyzstans_numbers(content: Content, lang: str) -> None:
    result = send(content, chatting(lang), Media.LOCATION, point=BISHKEK)
    assert result.state.location == "KG"
    assert {"102", "112", "189"} <= set(result.replies[-1].calls)
    assert content.hotlines["KG"]["name"][lang] in result.replies[-1].text


@pytest.mark.parametrize("lang", LANGS)
def test_a_location_in_the_atlantic_asks_for_the_country(content: Content, lang: str) -> None:
    result = send(content, chatting(lang), Media.LOCATION, point=ATLANTIC)
    assert result.replies[0].text == content.text("location_unknown", lang)
    assert content.text("ask_country", lang) in result.replies[-1].text
    assert {f"country:{code}" for code in content.hotlines} <= set(payloads(result))
    assert result.state.location is None


def test_a_location_in_a_country_without_numbers_asks_too(content: Content) -> None:
    tashkent = Point(41.31, 69.24)
    result = send(content, chatting("ru"), Media.LOCATION, point=tashkent)
    assert result.replies[0].text == content.text("location_unknown", "ru")
    assert result.state.location is None


def test_a_location_without_a_readable_point_asks_for_the_country(content: Content) -> None:
    result = send(content, chatting("ky"), Media.LOCATION)
    assert result.replies[0].text == content.text("location_unknown", "ky")
    assert content.text("ask_country", "ky") in result.replies[-1].text


def type_text(content: Content, state: DialogueState, text: str) -> Step:
    return step(state, UserMessage(KEY, "t", NOW, text=text), content)


@pytest.mark.parametrize("text", ["👍", "😂😂", "🙏🏻", "❤️", "👨‍👩‍👧", "🇰🇬 👍"])
def test_emoji_only_texts_are_told_from_words(text: str) -> None:
    assert emoji_only(text)


@pytest.mark.parametrize("text", ["?", "ok 👍", "189", "...", "саламатсызбы 🙏", "", " "])
def test_words_numbers_and_punctuation_are_not_emoji_only(text: str) -> None:
    assert not emoji_only(text)


@pytest.mark.parametrize("lang", LANGS)
def test_emoji_get_the_sticker_nudge_and_never_call_an_operator(
    content: Content, lang: str
) -> None:
    state = chatting(lang)
    for text in ("👍", "😂😂", "🙏"):
        result = type_text(content, state, text)
        assert [r.text for r in result.replies] == [content.text("media_sticker", lang)]
        assert "check_offer" in payloads(result) and not result.events
        state = result.state
    assert not state.handoff and state.misses == 0 and state.language == lang


def test_emoji_while_waiting_for_an_offer_keep_it_waiting(content: Content) -> None:
    state = DialogueState(language="ru", greeted=True, mode=Mode.AWAITING_OFFER)
    result = type_text(content, state, "👍")
    assert result.state.mode == Mode.AWAITING_OFFER and not result.events


def test_emoji_in_a_handoff_are_text_for_the_operator(content: Content) -> None:
    result = type_text(content, chatting("ru", handoff=True), "👍")
    assert content.text("media_sticker", "ru") not in [r.text for r in result.replies]
