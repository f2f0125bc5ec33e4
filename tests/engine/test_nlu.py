"""The built-in classifier: data, features, parse results, accuracy on the held-out set."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from rapidfuzz import fuzz, process

from bot.engine.nlu.classifier import NluModel
from bot.engine.nlu.data import INTENTS, NluData, NluDataError, parse_nlu
from bot.engine.nlu.evaluate import accuracy_by_language, detection_accuracy, evaluate
from bot.engine.nlu.features import Featurizer
from bot.engine.nlu.intent import Intent
from bot.engine.text.language import fold, normalize

ROOT = Path(__file__).parents[2]
THRESHOLD = 0.45  # config.yml's nlu.threshold


def _load(directory: Path) -> NluData:
    data = NluData()
    for lang in ("ky", "ru"):
        doc = yaml.safe_load((directory / f"{lang}.yml").read_text(encoding="utf-8"))
        data = data.merged(parse_nlu(doc, lang))
    return data


@pytest.fixture(scope="session")
def training() -> NluData:
    return _load(ROOT / "nlu")


@pytest.fixture(scope="session")
def held_out() -> NluData:
    return _load(ROOT / "tests" / "data" / "nlu")


@pytest.fixture(scope="session")
def model(training: NluData) -> NluModel:
    return NluModel.train(training)


def test_training_data_has_40_examples_per_intent_and_language(training: NluData) -> None:
    counts = training.counts()
    for lang in ("ky", "ru"):
        assert set(counts[lang]) == set(INTENTS)
        assert min(counts[lang].values()) >= 40, counts[lang]


def test_held_out_set_has_10_per_intent_and_language(held_out: NluData) -> None:
    counts = held_out.counts()
    for lang in ("ky", "ru"):
        assert set(counts[lang]) == set(INTENTS)
        assert min(counts[lang].values()) >= 10


def test_held_out_lines_are_not_copies_of_training_lines(
    training: NluData, held_out: NluData
) -> None:
    keys = [fold(normalize(e.text)) for e in training.examples]
    for example in held_out.examples:
        # Same letters in any script and with or without ө/ү/ң count as the same line.
        closest, score, _ = process.extractOne(
            fold(normalize(example.text)), keys, scorer=fuzz.ratio
        )
        assert score < 86, (example.text, closest)


def test_held_out_intent_accuracy_per_language(model: NluModel, held_out: NluData) -> None:
    predictions = evaluate(model, held_out.examples, THRESHOLD)
    by_language = accuracy_by_language(predictions)
    assert by_language["ky"] >= 0.92
    assert by_language["ru"] >= 0.92


def test_held_out_language_detection(model: NluModel, held_out: NluData) -> None:
    predictions = evaluate(model, held_out.examples, THRESHOLD)
    assert all(value >= 0.97 for value in detection_accuracy(predictions).values())


@pytest.mark.parametrize(
    ("text", "intent", "language"),
    [
        ("pasportumdu berbey jatat", "passport_taken", "ky"),
        ("паспортумду бербей жатат", "passport_taken", "ky"),
        ("zarplatu ne platyat", "unpaid_wages", "ru"),
        ("салам", "greet", "ky"),
        ("спасибо большое", "thanks", "ru"),
        ("мени камап коюшту", "emergency", "ky"),
        ("оператор менен сүйлөшкүм келет", "talk_to_operator", "ky"),
        ("как проверить запрет на въезд", "entry_ban", "ru"),
    ],
)
def test_parse_messy_messages(model: NluModel, text: str, intent: str, language: str) -> None:
    result = model.parse(text, threshold=THRESHOLD)
    assert (result.intent.name, result.language) == (intent, language)
    assert not result.fallback


def test_parse_result_has_rasa_shape(model: NluModel) -> None:
    text = "Дубайда официант 1500$ жумуш бар, жаз @job_example же +996 555 000 000"
    out: dict[str, Any] = model.parse(text).to_dict()
    assert set(out) == {"text", "language", "intent", "intent_ranking", "entities", "fallback"}
    assert out["text"] == text
    assert set(out["intent"]) == {"name", "confidence"}
    ranking = out["intent_ranking"]
    assert ranking[0]["name"] == out["intent"]["name"]
    assert [r["confidence"] for r in ranking] == sorted(
        (r["confidence"] for r in ranking), reverse=True
    )
    assert 1 < len(ranking) <= 10
    for entity in out["entities"]:
        assert set(entity) == {"entity", "value", "start", "end", "confidence"}
        assert entity["confidence"] == 1.0
        assert 0 <= entity["start"] < entity["end"] <= len(text)
    kinds = {e["entity"]: text[e["start"] : e["end"]] for e in out["entities"]}
    assert kinds["telegram_handle"] == "@job_example"
    assert kinds["phone"].startswith("+996")
    assert "money" in kinds


def test_probabilities_are_calibrated_distributions(model: NluModel) -> None:
    ranking = model.rank(["zarplatu ne platyat"])[0]
    assert len(ranking) == len(INTENTS)
    assert sum(r.confidence for r in ranking) == pytest.approx(1.0, abs=1e-3)
    assert 0.0 < model.linear.temperature < 10.0


def test_below_threshold_is_out_of_scope_by_fallback(model: NluModel) -> None:
    best = model.parse("зарплату не платят").intent
    result = model.parse("зарплату не платят", threshold=best.confidence + 0.001)
    assert result.fallback
    assert result.intent.name == "out_of_scope"
    assert result.intent.confidence == best.confidence
    assert result.ranking[0].name == best.name  # the ranking still says what it nearly was


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀😀😀",
        "?!...",
        "\x00\x01\x02",
        "a" * 100_000,
        bytes(range(256)).decode("latin-1"),
    ],
)
def test_degenerate_input_gives_a_valid_result(model: NluModel, text: str) -> None:
    result = model.parse(text)
    assert result.intent.name in INTENTS
    assert result.language in ("ky", "ru", "other")
    assert result.to_dict()["text"] == text


@pytest.mark.parametrize("text", ["", "😀😀😀", "?!..."])
def test_unreadable_input_is_out_of_scope_in_no_language(model: NluModel, text: str) -> None:
    result = model.parse(text)
    assert (result.intent.name, result.language, result.fallback) == ("out_of_scope", "other", True)


def test_long_paste_is_still_classified(model: NluModel) -> None:
    offer = "Требуются рабочие на стройку в Москве, зарплата 120000, жильё бесплатно. " * 1500
    result = model.parse(offer)
    assert result.language == "ru"
    assert result.intent.name != "out_of_scope"


def test_classifier_adapter_gives_the_dialogue_an_intent(model: NluModel) -> None:
    classify = model.classifier(threshold=THRESHOLD)
    intent = classify("рахмат")
    assert isinstance(intent, Intent)
    assert intent.name == "thanks"


def test_featurizer_makes_spellings_meet() -> None:
    doc = {"nlu": [{"synonym": "паспорт", "examples": "- пасспорт\n"}]}
    featurize = Featurizer.from_data(parse_nlu(doc, "ru"))
    assert featurize("pasportumdu") == featurize("ПАСПОРТУМДУ") == featurize("паспортумду")
    assert featurize("пасспорт") == "паспорт"
    assert featurize("звоните +996 555 000 000 или t.me/x 500") == "звоните _phone или _link _num"


def test_parse_nlu_reads_rasa_format() -> None:
    doc = {
        "version": "3.1",
        "nlu": [
            {"intent": "greet", "examples": "- салам\n- привет [Бишкек](city)\n"},
            {"synonym": "Москва", "examples": "- мск\n"},
            {"regex": "money", "examples": "- \\d+\n"},
            {"lookup": "country", "examples": "- Турция\n"},
        ],
    }
    data = parse_nlu(doc, "ru")
    assert [e.text for e in data.examples] == ["салам", "привет Бишкек"]
    assert data.synonyms == {"мск": "Москва"}
    assert data.regexes == {"money": ("\\d+",)}
    assert data.lookups == {"country": ("Турция",)}


@pytest.mark.parametrize(
    "doc",
    [
        None,
        {"nlu": "x"},
        {"nlu": [{"intent": "no_such_intent", "examples": "- a\n"}]},
        {"nlu": [{"intent": "greet", "examples": "no dash\n"}]},
        {"nlu": [{"something": "else"}]},
    ],
)
def test_parse_nlu_rejects_malformed_data(doc: Any) -> None:
    with pytest.raises(NluDataError):
        parse_nlu(doc, "ky")


def test_training_needs_two_intents() -> None:
    doc = {"nlu": [{"intent": "greet", "examples": "- салам\n- привет\n"}]}
    with pytest.raises(ValueError, match="two intents"):
        NluModel.train(parse_nlu(doc, "ky"))


def test_small_training_sets_still_train() -> None:
    doc = {
        "nlu": [
            {"intent": "greet", "examples": "- салам\n- привет\n- здравствуйте\n"},
            {"intent": "thanks", "examples": "- рахмат\n- спасибо\n- благодарю\n"},
        ]
    }
    model = NluModel.train(parse_nlu(doc, "ru"))
    assert model.intents == ("greet", "thanks")
    assert model.parse("спасибо", threshold=0.0).intent.name == "thanks"
    assert Counter(r.name for r in model.parse("салам").ranking) == Counter(["greet", "thanks"])
