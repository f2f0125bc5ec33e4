"""Editors' work lists and the revision diff, on plain data."""

from __future__ import annotations

from datetime import date

from bot.engine.content.languages import DOCUMENT as LANGUAGES
from bot.services.content.diff import Change, diff
from bot.services.content.work import (
    agencies_from_csv,
    anonymise,
    group_similar,
    missing_translations,
    stale,
    with_example,
)


def test_anonymise_strips_contacts_and_long_numbers() -> None:
    text = anonymise(
        "Мага +996 555 123 456 чалыңыз же @ivan_job, ivan@mail.ru, https://t.me/x 1234567 паспорт"
    )
    assert text == "Мага [номер] чалыңыз же [@ник], [email], [ссылка] [номер] паспорт"


def test_similar_questions_are_grouped_biggest_first() -> None:
    groups = group_similar(
        [
            (1, "как получить патент в москве"),
            (2, "где взять визу в Корею"),
            (3, "как получить патент в Москве?"),
            (4, "патент в москве как получить"),
        ]
    )
    assert [g.ids for g in groups] == [(1, 3, 4), (2,)]
    assert groups[0].text == "как получить патент в москве"


def test_missing_translations_and_stale_items_name_document_and_item() -> None:
    docs = {
        LANGUAGES: {"languages": [{"code": "ky"}, {"code": "ru"}]},
        "knowledge/answers.yml": {
            "answers": [
                {"id": "a", "title": {"ky": "", "ru": "Т"}, "checked": "2020-01-01"},
                {"id": "b", "title": {"ky": "Т", "ru": "Т"}, "checked": "2026-10-01"},
            ]
        },
        "nlu/ky.yml": {"nlu": [{"intent": "x", "examples": "- a\n"}]},
    }
    missing = missing_translations(docs)
    assert [(g.document, g.item) for g in missing] == [
        ("knowledge/answers.yml", "answers[a].title")
    ]
    old = stale(docs, 12, date(2026, 11, 27))
    assert [(g.item, g.problem) for g in old] == [("answers[a]", "проверено 2020-01-01")]


def test_an_example_is_appended_to_its_intent_only() -> None:
    doc = {"version": "3.1", "nlu": [{"intent": "greet", "examples": "- салам\n"}]}
    new = with_example(doc, "greet", "  салам   достор ")
    assert new["nlu"][0]["examples"] == "- салам\n- салам достор\n"
    assert doc["nlu"][0]["examples"] == "- салам\n"  # the original is untouched


def test_diff_names_items_by_id_and_fields() -> None:
    old = {"answers": [{"id": "a", "short": {"ky": "эски", "ru": "старый"}}, {"id": "b"}]}
    new = {"answers": [{"id": "a", "short": {"ky": "жаңы", "ru": "старый"}}, {"id": "c"}]}
    assert diff(old, new) == [
        Change("answers[a].short.ky", "эски", "жаңы"),
        Change("answers[b]", {"id": "b"}, None),
        Change("answers[c]", None, {"id": "c"}),
    ]


def test_agencies_from_a_csv_register() -> None:
    old = {"version": 1, "complete": False, "checked": "2026-11-27", "agencies": []}
    new = agencies_from_csv(
        old, "name,permit\nАльфа Труд,123\n", complete=True, source="Минтруд, реестр"
    )
    assert new["agencies"] == [{"name": "Альфа Труд", "permit": "123"}]
    assert (new["complete"], new["checked"]) == (True, "2026-11-27")
