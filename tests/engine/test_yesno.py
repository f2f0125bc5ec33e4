"""Typed yes / no / don't know, as people type them in Kyrgyz and Russian."""

from __future__ import annotations

import pytest

from bot.engine.text.yesno import dont_know, yes_no


@pytest.mark.parametrize(
    "text", ["да", "Да!", "ооба", "ова", "ок", "агась", "ыя", "Ooba", "да, просят 500$", "ага"]
)
def test_yes(text: str) -> None:
    assert yes_no(text) is True


@pytest.mark.parametrize(
    "text", ["нет", "не-не", "не не", "не", "неа", "жок", "jok", "нет, паспорт будет у меня"]
)
def test_no(text: str) -> None:
    assert yes_no(text) is False


@pytest.mark.parametrize(
    "text", ["конечно нет", "жок эмес", "да нет", "не платят", "👍", "", "Корея", "паспорт"]
)
def test_neither(text: str) -> None:
    assert yes_no(text) is None


def test_dont_know_is_the_whole_text() -> None:
    assert dont_know("Не знаю") and dont_know("билбейм") and dont_know("bilbeim")
    assert not dont_know("не знаю что делать с паспортом")
