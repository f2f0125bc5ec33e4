"""A third language from test data only: Toki Pona (`tok`) added to the repository's documents.

tests/data/toy_language/ holds its entry in the list of languages (with its detector lexicon
as data), its button, the words that name it and its typed yes and no, its training examples,
an offer pattern in its own (Latin) script and its texts for what the transcript shows. Every
other text gets a marked stand-in so that the rule «every text in every language» holds; the
transcript never shows one. Nothing in bot/, dialogues/ or knowledge/ knows the language.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.engine.content.languages import ContentError, Languages
from bot.engine.content.model import Content
from bot.engine.dialogue.router import step
from bot.engine.dialogue.state import DialogueState
from bot.engine.offer.risk import check_text
from bot.engine.text.yesno import dont_know, yes_no
from bot.services.content.documents import (
    build_content,
    check_documents,
    languages_of,
    nlu_data,
    read_documents,
)
from bot.services.nlu.model import train_from_data
from bot.settings import load_settings
from tests.conftest import ROOT
from tests.transcripts.test_transcripts import check_turn, turn_message

TOY = Path(__file__).parents[1] / "data" / "toy_language"
CODE = "tok"
STAND_IN = "⟦tok⟧"


def _data(name: str) -> Any:
    return yaml.safe_load((TOY / name).read_text(encoding="utf-8"))


def _fill(value: Any, where: str, given: dict[str, str], used: set[str]) -> None:
    """Give every text below `value` a toy one: the toy data's where it has one, else a stand-in.

    A text is what has a Russian string beside a Kyrgyz one (a question's too, with its id)."""
    if isinstance(value, dict) and "ky" in value and isinstance(value.get("ru"), str):
        if where in given:
            used.add(where)
        value[CODE] = given.get(where) or f"{STAND_IN} {value.get('ru') or ''}"
        return
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = [(_key(item, i), item) for i, item in enumerate(value)]
    for key, item in items:
        _fill(item, f"{where}.{key}" if where else str(key), given, used)


def _key(item: Any, index: int) -> Any:
    """A list item's place in a path: its id, else its index."""
    return item.get("id", index) if isinstance(item, dict) else index


def toy_documents() -> dict[str, Any]:
    """The repository's documents with Toki Pona as a third language."""
    docs = copy.deepcopy(read_documents(ROOT))
    texts, used = _data("texts.yml"), set[str]()
    for name, data in docs.items():
        if name.startswith(("dialogues/", "knowledge/")):
            given = texts.get(name, {})
            _fill(data, "", given, used)
            assert set(given) <= used, (name, set(given) - used)  # a misspelt path is an error
    patterns = _data("patterns.yml")
    for ind_id, indicator in docs["knowledge/indicators.yml"]["indicators"].items():
        indicator["patterns"][CODE] = patterns.get(ind_id, [])
    docs["dialogues/languages.yml"] = _data("languages.yml")
    docs["dialogues/toy.yml"] = _data("dialogues.yml")
    docs["dialogues/main.yml"]["menus"]["language"].append("lang_tok")
    docs["nlu/tok.yml"] = _data("nlu.yml")
    return docs


@pytest.fixture(scope="module")
def toy_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    docs = toy_documents()
    threshold = load_settings().nlu.threshold
    classify = train_from_data(nlu_data(docs), tmp_path_factory.mktemp("nlu"), threshold)
    return build_content(docs, classify)


def test_nothing_outside_the_tests_knows_the_toy_language() -> None:
    for folder in ("bot", "dialogues", "knowledge", "nlu"):
        for path in (ROOT / folder).rglob("*.*"):
            if path.suffix in (".py", ".yml", ".html", ".js"):
                assert "toki" not in path.read_text(encoding="utf-8").lower(), path


def test_the_toy_language_passes_every_content_check() -> None:
    docs = toy_documents()
    assert languages_of(docs).codes == ("ky", "ru", "tok")
    assert check_documents(docs) == []
    del docs["dialogues/main.yml"]["texts"]["menu"][CODE]
    assert check_documents(docs) == ["dialogues: texts.menu.tok: missing or empty text"]


def test_a_language_needs_a_lexicon_and_the_staff_one_is_listed() -> None:
    with pytest.raises(ContentError, match=r"languages\[1\]\.lexicon: needed"):
        Languages.from_data({"languages": [{"code": "ky"}, {"code": "uz"}]})
    with pytest.raises(ContentError, match=r"staff: one of ky, ru"):
        Languages.from_data({"languages": [{"code": "ky"}, {"code": "ru"}], "staff": "tok"})


def test_the_detector_tells_the_three_languages_apart(toy_content: Content) -> None:
    assert toy_content.detect("mi wile sona e lipu").language == "tok"
    assert toy_content.detect("Мага жумуш керек").language == "ky"
    assert toy_content.detect("Мне нужна работа").language == "ru"
    assert toy_content.detect("pasportumdu berbey jatat").language == "ky"


def test_a_typed_yes_or_no_in_the_toy_language(toy_content: Content) -> None:
    words = toy_content.yes_no_words
    assert yes_no("lon", words) is True and yes_no("ala", words) is False
    assert yes_no("lon ala", words) is None and dont_know("mi sona ala", words)
    assert yes_no("ооба", words) is True  # the other languages' words stay


def test_an_offer_is_read_with_the_toy_patterns_in_their_own_script(toy_content: Content) -> None:
    assert toy_content.offers is not None and toy_content.offers.languages == ("ky", "ru", "tok")
    text = "pali lon ma Losi. mani mute. jan pali li awen e lipu sina."
    found = check_text(text, toy_content.offers, CODE)
    assert found.language == CODE and "document_retention" in [f.id for f in found.findings]
    plain = check_text("pali lon ma Losi. mani mute. tomo li pona.", toy_content.offers, CODE)
    assert "document_retention" not in [f.id for f in plain.findings]


def test_a_whole_conversation_in_the_toy_language(toy_content: Content) -> None:
    conversation = _data("transcript.yml")
    state = DialogueState()
    for n, turn in enumerate(conversation["steps"]):
        result = step(state, turn_message(n, turn), toy_content)
        where = f"{conversation['id']} step {n}"
        check_turn(result, turn.get("expect") or {}, where)
        shown = [r.text for r in result.replies] + [
            b.title for r in result.replies for b in r.buttons
        ]
        assert not [s for s in shown if STAND_IN in s], where
        state = result.state
