"""Typed yes / no / don't know, as people type them in Kyrgyz and Russian (dialogues/yes_no.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.engine.content.languages import DOCUMENT as LANGUAGES_DOCUMENT
from bot.engine.content.languages import Languages
from bot.engine.content.model import Content
from bot.engine.content.yes_no import DOCUMENT, parse_yes_no
from bot.engine.text.language import fold
from bot.engine.text.yesno import YesNoWords, dont_know, yes_no

ROOT = Path(__file__).resolve().parents[2]


def document(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


LANGUAGES = Languages.from_data(document(LANGUAGES_DOCUMENT))
WORDS = parse_yes_no({DOCUMENT: document(DOCUMENT)["yes_no"]}, LANGUAGES)


@pytest.mark.parametrize(
    "text", ["да", "Да!", "ооба", "ова", "ок", "агась", "ыя", "Ooba", "да, просят 500$", "ага"]
)
def test_yes(text: str) -> None:
    assert yes_no(text, WORDS) is True


@pytest.mark.parametrize(
    "text",
    ["нет", "не-не", "не не", "не", "неа", "жок", "jok", "нет, паспорт будет у меня", "нет нет"],
)
def test_no(text: str) -> None:
    assert yes_no(text, WORDS) is False


@pytest.mark.parametrize(
    "text", ["конечно нет", "жок эмес", "да нет", "не платят", "👍", "", "Корея", "паспорт"]
)
def test_neither(text: str) -> None:
    assert yes_no(text, WORDS) is None


def test_english_yes_and_no_are_left_to_the_classifier() -> None:
    # Folded, «yes» reads «ес» and «no» «но» ("but"): «но я не знаю» must not be a no.
    assert fold("no") == "но" and yes_no("no", WORDS) is None and yes_no("yes", WORDS) is None
    assert yes_no("но паспорт у меня", WORDS) is None


def test_dont_know_is_the_whole_text() -> None:
    assert dont_know("Не знаю", WORDS) and dont_know("билбейм", WORDS)
    assert dont_know("bilbeim", WORDS) and dont_know("Азырынча, билбейм!", WORDS)
    assert not dont_know("не знаю что делать с паспортом", WORDS)


def test_the_rules_read_whatever_words_they_are_given() -> None:
    words = YesNoWords(affirm=frozenset({"лон"}), deny=frozenset({"ала"}), turns=frozenset({"ала"}))
    assert yes_no("lon", words) is True and yes_no("ala ala", words) is False
    assert yes_no("lon ala", words) is None and yes_no("да", words) is None
    assert yes_no("да", YesNoWords()) is None and not dont_know("не знаю", YesNoWords())


def test_the_loaded_content_carries_the_words(content: Content) -> None:
    assert content.yes_no_words == WORDS
    assert "да" in WORDS.affirm and "жок" in WORDS.deny and "не знаю" in WORDS.dont_know
