"""Phrases of a few words found at a word, as the negation cues are looked up."""

from __future__ import annotations

from bot.engine.text.phrases import phrase_at

CUES = (("не", "нужно"), ("не", "требуется"), ("нет",), ("у", "нас", "такого", "нет"))


def test_a_phrase_is_found_where_its_words_start() -> None:
    words = ["оплата", "не", "требуется", "вообще"]
    assert phrase_at(words, 1, CUES) == ("не", "требуется")
    assert phrase_at(words, 0, CUES) is None
    assert phrase_at(words, 2, CUES) is None


def test_a_phrase_cut_by_the_end_of_the_clause_is_not_found() -> None:
    assert phrase_at(["у", "нас", "такого"], 0, CUES) is None
    assert phrase_at(["не"], 0, CUES) is None
    assert phrase_at([], 0, CUES) is None
    assert phrase_at(["нет"], 5, CUES) is None


def test_the_first_listed_phrase_wins_among_those_sharing_a_first_word() -> None:
    cues = (("не",), ("не", "нужно"))
    assert phrase_at(["не", "нужно"], 0, cues) == ("не",)
    assert phrase_at(["не", "нужно"], 0, cues[::-1]) == ("не", "нужно")
