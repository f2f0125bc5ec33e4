"""Kyrgyz / Russian / other: detection, normalisation, transliteration and matching keys.

Detection weighs evidence word by word: letters only Kyrgyz has (ө ү ң), words and endings
typical of one language, long vowels (Kyrgyz), soft signs and letters foreign to Kyrgyz words
(Russian). Latin words are transliterated first, so «pasportumdu berbey jatat» counts as
Kyrgyz. It needs no training data and answers in microseconds for a short message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from bot.engine.text.lexicon import (
    EN_WORDS,
    ENDING_MAX,
    KY_ENDINGS,
    KY_WORDS,
    RU_ENDINGS,
    RU_WORDS,
)
from bot.engine.text.translit import CHAR, INDEX, fold_chars, lower_chars, translit_chars

__all__ = ["Detection", "detect", "fold", "fold_with_map", "normalize", "reply_language"]

KY, RU, OTHER = "ky", "ru", "other"
_MAXCHARS = 4000  # a long paste is decided by its beginning; keeps 100 KB inputs fast
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffd"
    "\ue000-\uf8ff\ud800-\udfff\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_KY_LETTERS = frozenset("өүң")
_RU_LETTERS = frozenset("вфцщъьёх")
_KAZAKH_LETTERS = frozenset("әғқұһі")
_LONG_VOWELS = ("аа", "оо", "уу", "ыы", "ээ", "өө", "үү")
_BACK, _FRONT = frozenset("аоуы"), frozenset("еэиөү")
_FOLD_TABLE = str.maketrans("өүңёқғұәіһ", "оунекгуаих")


@dataclass(frozen=True, slots=True)
class Detection:
    """The language of a text ("ky", "ru" or "other") and how sure the detector is (0..1)."""

    language: str
    confidence: float


def normalize(text: str) -> str:
    """Lower-case NFC text with 3+ repeated letters cut to two and invisible noise removed."""
    text = unicodedata.normalize("NFC", text).lower()
    # Control and format characters (zero-width joiners, BOMs, bidi marks) are never content.
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    # Two, not one: Kyrgyz long vowels are double (ооба, жумуштуу) and must survive.
    text = _REPEATS.sub(r"\1\1", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()


def to_cyrillic(text: str) -> str:
    """Transliterate Latin-script Kyrgyz/Russian to Cyrillic, keeping case and other scripts."""
    out: list[str] = []
    for char, index in translit_chars(lower_chars(text)):
        source = text[index]
        if char == source.lower() and not source.isascii():
            out.append(source)  # untouched Cyrillic (or other script): keep it as typed
        else:
            out.append(char.upper() if source.isupper() else char)
    return "".join(out)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """A matching key for `text` and, for each of its characters, the index in `text` it came from.

    The key is lower-case Cyrillic with ө→о, ү→у, ң→н, ё→е; Latin words are transliterated
    ("sh" becomes one "ш" mapped to the "s"), combining marks are merged into their letter.
    A match `key[i:j]` therefore covers `text[index[i] : index[j - 1] + 1]`.
    """
    chars = fold_chars(translit_chars(lower_chars(text)))
    return "".join(map(CHAR, chars)), list(map(INDEX, chars))


def fold(text: str) -> str:
    """The matching key of `text` (see `fold_with_map`)."""
    return fold_with_map(text)[0]


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def _word_scores(raw: str, word: str) -> tuple[float, float]:
    """(Kyrgyz, Russian) evidence of one Cyrillic word; `raw` keeps ө/ү/ң, `word` is folded."""
    ky = ru = 0.0
    if word in KY_WORDS or _squeeze(word) in KY_WORDS:
        ky += 2.0
    if word in RU_WORDS or _squeeze(word) in RU_WORDS:
        ru += 2.0
    known = bool(ky or ru)
    if any(c in _KY_LETTERS for c in raw):
        ky += 3.0
    if any(c in _RU_LETTERS for c in raw):
        ru += 0.8
    if any(v in raw for v in _LONG_VOWELS):
        ky += 1.2
    if len(word) >= 4 and not known:
        tails = [word[-k:] for k in range(1, min(len(word), ENDING_MAX) + 1)]
        ky += max(KY_ENDINGS.get(t, 0.0) for t in tails)
        ru += max(RU_ENDINGS.get(t, 0.0) for t in tails)
    vowels = {c for c in raw if c in _BACK or c in _FRONT}
    if len(word) >= 5 and vowels & _BACK and vowels & _FRONT and "ө" not in raw and "ү" not in raw:
        ru += 0.4  # Kyrgyz native words keep to front or back vowels; Russian ones mix
    return ky, ru


def _scores(text: str) -> tuple[float, float, float, int]:
    """Summed (Kyrgyz, Russian, other) evidence and the number of words looked at."""
    ky = ru = other = 0.0
    words = 0
    for token in _WORD.findall(text):
        words += 1
        if token in EN_WORDS:
            other += 1.5
            continue
        if any(c in _KAZAKH_LETTERS for c in token):
            other += 2.0
            continue
        if token.isascii() or not all(_is_cyrillic(c) for c in token):
            token = "".join(map(CHAR, translit_chars(lower_chars(token))))
            if not all(_is_cyrillic(c) or c in "'’ʼ`" for c in token):
                other += 1.0  # Arabic, Chinese, unmapped Latin letters…
                continue
        word_ky, word_ru = _word_scores(token, token.translate(_FOLD_TABLE))
        ky += word_ky
        ru += word_ru
    return ky, ru, other, words


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def detect(text: str) -> Detection:
    """Tell whether `text` is Kyrgyz, Russian or something else (also for one word)."""
    ky, ru, other, words = _scores(normalize(text[: _MAXCHARS * 2])[:_MAXCHARS])
    if words == 0 or (other >= ky + ru and other > 0):
        return Detection(OTHER, 1.0 if words == 0 else round(other / (other + ky + ru), 3))
    if ky == ru == 0.0:
        has_cyrillic = any(_is_cyrillic(c) for c in text[:_MAXCHARS])
        # An unknown Cyrillic word is more often Russian in these chats; Latin says nothing.
        return Detection(RU, 0.5) if has_cyrillic else Detection(OTHER, 0.5)
    margin = (ky - ru) / math.sqrt(max(words, 1))
    p_ky = 1.0 / (1.0 + math.exp(-1.5 * margin))
    language = KY if ky > ru else RU
    return Detection(language, round(max(p_ky, 1.0 - p_ky), 3))


def reply_language(detection: Detection, chosen: str | None, previous: str | None) -> str:
    """The language to answer in: the user's choice, else the detected one, else the last one."""
    if chosen in (KY, RU):
        return chosen
    if detection.language in (KY, RU):
        return detection.language
    return previous if previous in (KY, RU) else RU
