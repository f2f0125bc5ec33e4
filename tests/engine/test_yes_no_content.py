"""dialogues/yes_no.yml is checked on every load: a broken list names its file and key."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.engine.content.model import ContentError
from bot.engine.content.yes_no import DOCUMENT, REQUIRED, parse_yes_no
from bot.services.content.store import load_content, validate
from tests.engine.test_yesno import LANGUAGES, ROOT, document

SECTION: dict[str, Any] = document(DOCUMENT)["yes_no"]
FILE = re.escape(DOCUMENT)


def _parse(section: Any, *more: tuple[str, Any]) -> None:
    parse_yes_no({DOCUMENT: section, **dict(more)}, LANGUAGES)


def _with(lang: str, kind: str | bool, value: Any) -> dict[str, Any]:
    """The repository's section with one list set (`True`: what YAML makes of a bare `yes:`)."""
    section = copy.deepcopy(SECTION)
    section[lang][kind] = value
    return section


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("kind", REQUIRED)
def test_a_missing_list_names_the_file_and_the_key(lang: str, kind: str) -> None:
    section = copy.deepcopy(SECTION)
    del section[lang][kind]
    with pytest.raises(ContentError, match=rf"^{FILE}: yes_no\.{lang}\.{kind}: missing"):
        _parse(section)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("жок эмес", r"turns: a list of words$"),
        (None, r"turns: a list of words$"),
        (["жок", 1], r"turns: a list of words$"),
        (["жок", False], r'turns: a list of words \(YAML reads a bare yes, no.*write "no"\)'),
        (["👍"], r"turns: '👍' is not a word of letters"),
        (["жок эмес"], r"turns: 'жок эмес': one word"),
    ],
)
def test_a_list_is_words_of_letters(value: Any, problem: str) -> None:
    with pytest.raises(ContentError, match=rf"^{FILE}: yes_no\.ky\.{problem}"):
        _parse(_with("ky", "turns", value))


def test_what_staff_could_get_wrong_is_named() -> None:
    cases: list[tuple[Any, str]] = [
        ({"ky": SECTION["ky"]}, r"yes_no\.ru: missing"),
        ({**SECTION, "kg": SECTION["ky"]}, r"yes_no\.kg: not a language of ky, ru"),
        (_with("ru", True, ["да"]), r"yes_no\.ru\.True: unknown list .*write \"no\""),
        (_with("ru", "affirm", []), r"yes_no\.ru\.affirm: at least one word"),
        (_with("ru", "affirm", ["да", "жок"]), r"yes_no\.ru\.affirm: жок: both a yes and a no"),
        (_with("ru", "dont_know", ["не знаю", "🤷"]), r"yes_no\.ru\.dont_know: '🤷'"),
        ({**SECTION, "ru": ["да"]}, r"yes_no\.ru: lists of words"),
    ]
    for section, problem in cases:
        with pytest.raises(ContentError, match=rf"^{FILE}: {problem}"):
            _parse(section)
    with pytest.raises(ContentError, match=r"^dialogues/x\.yml: yes_no\.ru: defined twice"):
        _parse(SECTION, ("dialogues/x.yml", {"ru": SECTION["ru"]}))


def test_the_words_are_read_folded_and_deny_alone_may_be_left_out() -> None:
    ru = {k: v for k, v in SECTION["ru"].items() if k != "deny_alone"}
    words = parse_yes_no({DOCUMENT: {**SECTION, "ru": {**ru, "affirm": ["Da", "ДААА"]}}}, LANGUAGES)
    assert {"да", "дааа"} <= words.affirm and not words.deny_alone


def test_a_content_folder_without_the_lists_does_not_load(tmp_path: Path) -> None:
    for folder in ("dialogues", "knowledge", "nlu"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    broken = (ROOT / DOCUMENT).read_text(encoding="utf-8").replace("    turns: [нет, не]\n", "")
    (tmp_path / DOCUMENT).write_text(broken, encoding="utf-8")
    problem = f"{DOCUMENT}: yes_no.ru.turns: missing (a list of words; [] for none)"
    assert problem in "\n".join(validate(tmp_path))
    with pytest.raises(ContentError, match=re.escape(problem)):
        load_content(tmp_path)
