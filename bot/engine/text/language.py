"""Kyrgyz / Russian / other: detection, normalisation, transliteration and matching keys.

Detection (`detector.py`) weighs each configured language's lexicon word by word; `detect`
here uses every lexicon written as code. Latin words are transliterated first for the
Cyrillic-script languages, so «pasportumdu berbey jatat» counts as Kyrgyz.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.text.detector import Detection, Detector
from bot.engine.text.lexicons import BUILT_IN
from bot.engine.text.normal import normalize
from bot.engine.text.translit import CHAR, INDEX, fold_chars, lower_chars, translit_chars

__all__ = [
    "DETECTOR",
    "Detection",
    "Detector",
    "detect",
    "fold",
    "fold_with_map",
    "normalize",
    "reply_language",
]

DETECTOR = Detector(tuple(BUILT_IN.values()))


def detect(text: str) -> Detection:
    """Tell whether `text` is Kyrgyz, Russian or something else (also for one word)."""
    return DETECTOR.detect(text)


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


def reply_language(
    detection: Detection,
    chosen: str | None,
    previous: str | None,
    languages: Sequence[str] = DETECTOR.languages,
) -> str:
    """The language to answer in: the user's choice, else the detected one, else the last one."""
    if chosen in languages:
        return str(chosen)
    if detection.language in languages:
        return detection.language
    if previous in languages:
        return str(previous)
    guesses = [lex.code for lex in DETECTOR.lexicons if lex.guess and lex.code in languages]
    return (guesses or list(languages))[0]
