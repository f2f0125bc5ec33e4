"""Language detection, normalisation, transliteration and the folded matching key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.engine.text.language import (
    Detection,
    detect,
    fold,
    fold_with_map,
    normalize,
    reply_language,
    to_cyrillic,
)

CORPORA = Path(__file__).parents[1] / "data" / "nlu" / "corpora"


def _texts(name: str) -> list[str]:
    lines = (CORPORA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("pasportumdu berbey jatat", "ky"),
        ("zarplatu ne platyat", "ru"),
        ("салам брат есть работа?", "ru"),
        ("жумуш барбы", "ky"),
        ("jumush barby", "ky"),
        ("Кандайсыз", "ky"),
        ("kandaisyz", "ky"),
        ("ооба", "ky"),
        ("рахмат", "ky"),
        ("спасибо", "ru"),
        ("да", "ru"),
        ("привееет", "ru"),
        ("Орусияга жумушка барсам болобу", "ky"),
        ("orusiyaga jumushka barsam bolobu", "ky"),
        ("айлыгымды үч ай бербей жатат", "ky"),
        ("айлыгымды уч ай бербей жатат", "ky"),
        ("kelishimdi korsotpoy jatat", "ky"),
        ("работодатель забрал паспорт", "ru"),
        ("rabotodatel ne otdaet dengi", "ru"),
        ("pабота есть?", "ru"),  # Latin "p" typed inside a Cyrillic word
        ("eto pravda?", "ru"),
    ],
)
def test_detects_language_of_short_messy_messages(text: str, language: str) -> None:
    result = detect(text)
    assert result.language == language
    assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize(
    "text", ["", "   ", "👍👍👍", "12345", "hello how are you", "سلام عليكم", "\x00\x01\xff", "???"]
)
def test_nothing_to_tell_is_other(text: str) -> None:
    assert detect(text).language == "other"


def test_huge_and_binary_input_gives_a_result() -> None:
    assert detect("жумуш барбы " * 10_000).language == "ky"
    junk = bytes(range(256)).decode("latin-1") * 400
    assert detect(junk) == Detection(detect(junk).language, detect(junk).confidence)
    assert detect(junk).language in ("ky", "ru", "other")


def test_real_kyrgyz_sentences_are_kyrgyz() -> None:
    texts = _texts("ud_kyrgyz_ktmu_sample.jsonl")
    assert len(texts) == 100
    share = sum(detect(t).language == "ky" for t in texts) / len(texts)
    assert share >= 0.97


def test_real_russian_vacancies_are_russian() -> None:
    texts = _texts("ru_vacancies.jsonl")
    assert len(texts) == 530
    share = sum(detect(t).language == "ru" for t in texts) / len(texts)
    assert share >= 0.97


def test_normalize_lowercases_squeezes_and_strips_noise() -> None:
    assert normalize("  ПРИИИИВЕТ\u200b   брат!!!  ") == "приивет брат!!!"
    assert normalize("Ооба") == "ооба"  # a Kyrgyz long vowel stays double
    assert normalize("е\u0308") == "ё"  # NFC
    assert normalize("pasport") == "pasport"  # keeps the script


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("jumush", "жумуш"),
        ("Shopur", "Шопур"),
        ("chet elge", "чет элге"),
        ("zhena", "жена"),
        ("tsena", "цена"),
        ("yaponiya", "япония"),
        ("yuk", "юк"),
        ("o'lko", "өлко"),
        ("ölkö", "өлкө"),
        ("oelko", "өлко"),
        ("üy", "үй"),
        ("jangy", "жаңы"),
        ("ming som", "миң сом"),
        ("marketing", "маркетинг"),
        ("dengi", "денги"),
        ("rabotat'", "работать"),
        ("esli", "если"),
        ("emne", "эмне"),
        ("bolboy", "болбой"),
        ("poezd", "поезд"),
        ("паспорт pasport", "паспорт паспорт"),
        ("ish", "иш"),  # a word-initial i is never й
        ("kiyin", "кийин"),
        ("aiyna", "айына"),  # «i» as й, then «y» as ы: ailyk aiyna bir jolu
        ("aiylda", "айылда"),
        ("ayyl", "айыл"),
        ("novyy", "новый"),
        ("kandaisyz", "кандайсыз"),
        ("tsena", "цена"),
        ("registratsiya", "регистрация"),
        ("nravitsya", "нравится"),
        ("aitsa", "айтса"),  # Kyrgyz т+с, not ц
        ("licenzii", "лицензии"),
        ("StroyInvest", "СтройИнвест"),
        ("aiagynda", "аягында"),  # «ia» after a vowel is я: kontrakt aiagynda bir jolu
        ("daiar", "даяр"),
        ("Rossiia", "Россия"),
        ("kompaniia", "компания"),
        ("materialy", "материалы"),  # not after a vowel: и + а stay apart
    ],
)
def test_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


def test_fold_is_a_matching_key_across_scripts_and_letters() -> None:
    assert fold("Өлкө") == fold("olko") == fold("ölkö") == "олко"
    assert fold("Жаңы") == fold("jangy") == "жаны"
    assert fold("ЁЛКА") == "елка"
    assert fold("Паспортумду") == fold("pasportumdu")


def test_fold_with_map_points_each_key_char_at_its_source() -> None:
    text = "Jañy jumush: Öskön"
    key, index = fold_with_map(text)
    assert key == "жаны жумуш: оскон"
    assert len(index) == len(key)
    start = key.index("жумуш")
    end = start + len("жумуш")
    # "sh" became one "ш": the span still ends on the last source letter of the word
    span = text[index[start] : index[end - 1] + 1]
    assert span == "jumus"
    assert text[index[start] : index[end - 1] + 2] == "jumush"
    assert index == sorted(index)


def test_fold_with_map_merges_combining_marks_into_their_letter() -> None:
    text = "Е\u0308лка"  # decomposed Ё
    key, index = fold_with_map(text)
    assert key == "елка"
    assert index == [0, 2, 3, 4]


def test_reply_language_prefers_the_users_choice() -> None:
    assert reply_language(Detection("ky", 0.9), chosen="ru", previous=None) == "ru"
    assert reply_language(Detection("ky", 0.9), chosen=None, previous="ru") == "ky"
    assert reply_language(Detection("other", 1.0), chosen=None, previous="ky") == "ky"
    assert reply_language(Detection("other", 1.0), chosen=None, previous=None) == "ru"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Pasportuңuzdu", "паспортунузду"),
        ("aylygyңyzdan", "айлыгыныздан"),
        ("пaспорт", "паспорт"),  # one Latin look-alike in a Cyrillic word
    ],
)
def test_regression_latin_word_with_a_kyrgyz_letter_is_read_as_latin(
    text: str, folded: str
) -> None:
    """«Pasportuңuzdu» folded to «расрортунузду»: its p was taken for a Cyrillic look-alike."""
    assert fold(text) == folded
