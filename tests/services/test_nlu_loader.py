"""Reading nlu/*.yml, hashing it, training once and loading the cached model afterwards."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.engine.nlu.intent import Intent
from bot.services.nlu.model import cache_path, load_model, make_classifier, read_nlu_files

TINY = Path(__file__).parents[1] / "data" / "nlu" / "tiny"
KY = (TINY / "ky.yml").read_text(encoding="utf-8")
RU = (TINY / "ru.yml").read_text(encoding="utf-8")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    nlu = tmp_path / "content" / "nlu"
    nlu.mkdir(parents=True)
    (nlu / "ky.yml").write_text(KY, encoding="utf-8")
    (nlu / "ru.yml").write_text(RU, encoding="utf-8")
    return tmp_path / "content"


def test_reads_both_languages_and_hashes_them(content: Path) -> None:
    data, digest = read_nlu_files(content / "nlu")
    assert data.counts() == {
        "ky": {"greet": 4, "thanks": 4, "passport_taken": 4},
        "ru": {"greet": 4, "thanks": 4, "passport_taken": 4},
    }
    assert read_nlu_files(content / "nlu")[1] == digest
    (content / "nlu" / "ru.yml").write_text(RU.replace("privet", "privetik"), encoding="utf-8")
    assert read_nlu_files(content / "nlu")[1] != digest


def test_trains_once_then_loads_from_the_cache(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_model(content, cache)
    assert first.trained
    assert first.path.exists()
    assert first.path == cache_path(cache, first.model.data_hash)
    second = load_model(content, cache)
    assert not second.trained
    assert second.model.data_hash == first.model.data_hash
    for text in ("pasportumdu berbey jatat", "спасибо", "салам"):
        assert second.model.parse(text).to_dict() == first.model.parse(text).to_dict()
    assert load_model(content, cache, retrain=True).trained


def test_changed_data_is_retrained(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_model(content, cache)
    (content / "nlu" / "ky.yml").write_text(KY + "    - саламатчылык\n", encoding="utf-8")
    second = load_model(content, cache)
    assert second.trained
    assert second.path != first.path
    assert not first.path.exists()  # the stale model is removed


def test_a_broken_cache_file_is_retrained_with_a_warning(
    content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    path = load_model(content, cache).path
    path.write_bytes(b"not a model")
    with caplog.at_level(logging.WARNING, logger="bot.services.nlu.model"):
        again = load_model(content, cache)
    assert again.trained
    assert "unreadable" in caplog.text
    assert not load_model(content, cache).trained  # and the rewritten file is good


def test_no_temporary_files_are_left_behind(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_model(content, cache)
    assert [p.suffix for p in cache.iterdir()] == [".joblib"]


def test_make_classifier_gives_the_dialogue_an_intent(content: Path, tmp_path: Path) -> None:
    classify = make_classifier(content, tmp_path / "cache", threshold=0.0)
    intent = classify("забрали паспорт")
    assert isinstance(intent, Intent)
    assert intent.name == "passport_taken"
    assert classify("").name == "out_of_scope"


def test_missing_data_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path, tmp_path / "cache")
