"""Concept combinations: every concept named in one clause, close together, in any order."""

from __future__ import annotations

import pytest

from bot.engine.offer.concepts import Combination, parse_combinations, parse_concepts
from bot.engine.offer.refs import CatalogueError
from bot.engine.text.language import fold

CONCEPTS = parse_concepts(
    {
        "document": ["паспорт", "документ"],
        "hand_over": ["сдаёте", "храни", "тапшыр"],
        "holder": ["бригадир", "нас="],
    },
    "test",
)


def combo(*names: str) -> Combination:
    (found,) = parse_combinations([list(names)], CONCEPTS, "test")
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Паспорта сдаёте бригадиру на весь срок",
        "Бригадиру сдаёте паспорт",  # any order
        "паспортуңузду бригадирге тапшырасыз",  # Kyrgyz endings: terms are word starts
        "pasportu hranim u nas",  # Latin letters, folded
    ],
)
def test_a_combination_is_found_in_any_order_and_form(text: str) -> None:
    assert combo("document", "hand_over", "holder").search(fold(text)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Паспорт нужен. Бригадиру сдаёте инструмент",  # two sentences
        "Паспорт храните дома, работа с наследством",  # no holder: «нас=» is a whole word
        "паспорт " + "слово " * 30 + "сдаёте бригадиру",  # too far apart in a run-on text
    ],
)
def test_not_across_clauses_not_part_of_a_word_not_far_apart(text: str) -> None:
    assert combo("document", "hand_over", "holder").search(fold(text)) is None


def test_builtin_money_and_long_hours() -> None:
    fee = parse_concepts({"fee": ["предоплат"]}, "t")
    (money,) = parse_combinations([["fee", "@money"]], fee, "t")
    assert money.search(fold("предоплата 1500$ до выезда")) is not None
    assert money.search(fold("предоплата по договоренности")) is None


def test_bad_concepts_are_refused_with_where() -> None:
    with pytest.raises(CatalogueError, match="unknown concepts"):
        parse_combinations([["document", "nope"]], CONCEPTS, "test")
    with pytest.raises(CatalogueError, match="two or more"):
        parse_combinations([["document"]], CONCEPTS, "test")
    with pytest.raises(CatalogueError, match="non-empty list"):
        parse_concepts({"x": []}, "test")


def test_a_term_of_several_words_reads_each_as_a_word_start() -> None:
    concepts = parse_concepts({"licence": ["разрешени на трудоустройств"]}, "t")
    regex = concepts["licence"].regex
    assert regex.search("разрешение на трудоустройство граждан") is not None
    assert regex.search("разрешение наше трудоустройство") is None  # «на» is a word


def test_a_concept_marked_any_may_stand_elsewhere_in_the_offer() -> None:
    concepts = parse_concepts({"place": ["камбодж"], "job": ["онлайн"]}, "t")
    [combo] = parse_combinations([["job", "any:place"]], concepts, "t")
    assert [c.name for c in combo.concepts] == ["job"] and combo.anywhere[0].name == "place"
    with pytest.raises(CatalogueError, match="in the clause"):
        parse_combinations([["any:job", "any:place"]], concepts, "t")
