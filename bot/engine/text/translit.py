"""Latin → Cyrillic transliteration of Kyrgyz and Russian, with an index map back to the input.

Every function here works on a list of `(char, source_index)` pairs so that whatever the
transliteration merges ("sh" → "ш") or drops (combining marks), each output character still
knows which character of the caller's original text it came from.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter

Chars = list[tuple[str, int]]
CHAR, INDEX = itemgetter(0), itemgetter(1)  # fast field access for map()

# Longest first; matched on lower-case text. Apostrophe forms cover o' o` oʻ o’ (Uzbek-style).
_APOSTROPHES = "'`’ʻʼ"
_MULTI: dict[str, str] = {"shch": "щ", "sch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х"}
_MULTI.update({"gh": "г", "yo": "ё", "yu": "ю", "ya": "я", "ye": "е"})
for _a in _APOSTROPHES:
    _MULTI.update({f"o{_a}": "ө", f"u{_a}": "ү", f"g{_a}": "г"})
_MULTI_LENGTHS = (4, 3, 2)
_TS_IS_TSE = re.compile(r"iy[aueo]|ii|io|en[tz]|e[nl]a")

_SINGLE: dict[str, str] = dict(
    zip("abvgdzijklmnoprstufhcqwx", "абвгдзижклмнопрстуфхцквх", strict=True)
)
_SINGLE.update({"ö": "ө", "ô": "ө", "ü": "ү", "û": "ү", "ñ": "ң", "ŋ": "ң", "ı": "ы"})
_SINGLE.update({"ş": "ш", "ç": "ч", "ğ": "г", "é": "е", "è": "е", "ä": "а", "ë": "ё", "í": "и"})
_LATIN = frozenset(_SINGLE) | {"e", "y"}
_VOWELS_LATIN = frozenset("aeiouyöüı")
_VOWELS_CYR = frozenset("аеёиоуыэюяөү")
# Latin letters that look like Cyrillic ones: inside a word that is otherwise Cyrillic they
# are typos of the keyboard layout, not transliteration ("pабота" is "работа", not "пабота").
_HOMOGLYPHS: dict[str, str] = dict(zip("aceopxykmt", "асеорхукмт", strict=True))
# Word-initial "e" is "э" (эмне, эки, это) except where Russian words begin with "е" (если,
# есть, его, еда, еще, ехать).
_E_KEEPS = ("s", "g", "d", "e", "yo", "h", "zh")

_FOLD: dict[str, str] = {"ө": "о", "ү": "у", "ң": "н", "ё": "е"}
# Kazakh letters show up from Kazakh keyboards; folding them keeps matching robust.
_FOLD.update({"қ": "к", "ғ": "г", "ұ": "у", "ә": "а", "і": "и", "һ": "х", "ҳ": "х"})
_FOLD_TABLE = str.maketrans(_FOLD)

_LATIN_RE = re.compile("[" + "".join(sorted(_LATIN)) + "]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_WORD_RUN = re.compile("[^\\W\\d_](?:[^\\W\\d_]|[" + _APOSTROPHES + "])*")
# Combining marks of the Latin, Cyrillic, Hebrew and Arabic blocks and the generic ones.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def lower_chars(text: str) -> Chars:
    """Lower-case `text` char by char, composing or dropping combining marks; keep indices."""
    low = text.lower()
    if len(low) == len(text) and not _COMBINING.search(text):
        return list(zip(low, range(len(text)), strict=True))  # the usual case, at C speed
    out: Chars = []
    for index, char in enumerate(text):
        if unicodedata.combining(char):
            if out:
                composed = unicodedata.normalize("NFC", out[-1][0] + char)
                if len(composed) == 1:
                    out[-1] = (composed, out[-1][1])
            continue  # a mark that composes with nothing carries no letter
        for low in char.lower():
            if not unicodedata.combining(low):
                out.append((low, index))
    return out


def _word_spans(text: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, has_latin, has_cyrillic) for each run of letters (apostrophes inside)."""
    return [
        (m.start(), m.end(), bool(_LATIN_RE.search(m[0])), bool(_CYRILLIC_RE.search(m[0])))
        for m in _WORD_RUN.finditer(text)
    ]


def _latin_word(chars: Chars, start: int, end: int) -> Chars:
    """Transliterate one lower-case word made of Latin letters (others pass through)."""
    text = "".join(map(CHAR, chars[start:end]))
    out: Chars = []
    pos = 0
    while pos < len(text):
        src = chars[start + pos][1]
        char = text[pos]
        prev = text[pos - 1] if pos else ""
        nxt = text[pos + 1] if pos + 1 < len(text) else ""
        group = next(
            (text[pos : pos + n] for n in _MULTI_LENGTHS if text[pos : pos + n] in _MULTI), ""
        )
        if group and not (group == "ye" and prev and prev not in _VOWELS_LATIN):
            out.append((_MULTI[group], src))
            pos += len(group)
        elif char == "t" and nxt == "s" and (pos == 0 or _TS_IS_TSE.match(text, pos + 2)):
            # "ts" is ц in Russian (tsena, registratsiya, nravitsya) but т+с in Kyrgyz
            # (aitsa, ketse, salamatsyzby): only the clearly Russian places become ц.
            out.append(("ц", src))
            pos += 2
        elif char == "n" and nxt == "g" and _is_kyrgyz_ng(text, pos):
            out.append(("ң", src))
            pos += 2
        elif pos == 0 and text[:2] in ("oe", "ue"):
            # German-style ö/ü; only word-initially, where Russian ("poezd", "novoe") has none.
            out.append(("ө" if char == "o" else "ү", src))
            pos += 2
        elif char == "e":
            initial = pos == 0 and not text[1:].startswith(_E_KEEPS)
            out.append(("э" if initial else "е", src))
            pos += 1
        elif char == "i" and prev and prev in "aeiouöü" and nxt in ("a", "u"):
            # aiagynda → аягында, daiar → даяр, Rossiia → Россия
            out.append(("я" if nxt == "a" else "ю", src))
            pos += 2
        elif char == "i" and prev and prev in "aeouöü" and text not in ("moi", "tvoi", "svoi"):
            out.append(("й", src))  # kandaisyz, stroika, kakoi
            pos += 1
        elif char == "y":
            # й after a vowel (bolboy, kiyin, ayyl) and in a final "yy" (novyy); else ы, also
            # after an «i» that is itself й (aiyna → айына, aiyl → айыл).
            i_is_y = prev == "i" and pos >= 2 and text[pos - 2] in "aeouöü"
            soft = (prev in _VOWELS_LATIN and prev != "y" and not i_is_y) or (
                prev == "y" and not nxt
            )
            out.append(("й" if soft else "ы", src))
            pos += 1
        elif char in _APOSTROPHES:
            # rabotat' / den'gi: an apostrophe after a consonant is the soft sign.
            if prev and prev.isalpha() and prev not in _VOWELS_LATIN:
                out.append(("ь", src))
            pos += 1
        else:
            out.append((_SINGLE.get(char, char), src))
            pos += 1
    return out


def _is_kyrgyz_ng(text: str, pos: int) -> bool:
    """Whether "ng" at `pos` is the Kyrgyz ң (jangy, ming) rather than Russian -инг loans."""
    if text.startswith(("deng", "angl", "mong", "kong")):
        return False  # деньги, английский, …: the Russian words people type most
    return not (text.endswith("ing") and pos == len(text) - 2 and len(text) > 5)


def _mostly_latin(word: str) -> bool:
    latin = len(_LATIN_RE.findall(word))
    return latin > len(word) - latin


def translit_chars(chars: Chars) -> Chars:
    """Transliterate Latin words to Cyrillic; fix Latin homoglyphs inside Cyrillic words."""
    text = "".join(map(CHAR, chars))
    if not _LATIN_RE.search(text):
        return list(chars)  # nothing to transliterate
    out: Chars = []
    last = 0
    for start, end, has_lat, has_cyr in _word_spans(text):
        out.extend(chars[last:start])
        if not has_lat:
            out.extend(chars[start:end])
        elif has_cyr and not _mostly_latin(text[start:end]):
            # A Cyrillic word with a Latin look-alike typed in («пaспорт»): fix the look-alikes.
            # A Latin word with a Kyrgyz letter typed in («Pasportuңuzdu») is read as Latin.
            word = [(_HOMOGLYPHS.get(c, c), i) for c, i in chars[start:end]]
            out.extend(_latin_word(word, 0, len(word)))
        else:
            out.extend(_latin_word(chars, start, end))
        last = end
    out.extend(chars[last:])
    return out


def fold_chars(chars: Chars) -> Chars:
    """Map ө ү ң ё (and Kazakh letters) to their plain Russian-alphabet neighbours."""
    folded = "".join(map(CHAR, chars)).translate(_FOLD_TABLE)
    return list(zip(folded, map(INDEX, chars), strict=True))


def is_cyrillic_vowel(char: str) -> bool:
    """Whether `char` is a Cyrillic vowel letter (used by the detector's harmony test)."""
    return char in _VOWELS_CYR
