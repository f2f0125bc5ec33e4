"""Personal names in a user's text, for texts kept without personal data (editors' lists).

Russian names, surnames and patronymics are what pymorphy3 tags Name, Surn or Patr, in a
word written with a capital. Kyrgyz ones it mostly does not know: a short list of common given
names (in any case, with a case ending), surnames ending -ов/-ова/-ев/-ева that are no known
Russian word, «X уулу» / «X кызы», and the word after «зовут» or «атым».
"""

from __future__ import annotations

import re

from bot.engine.text.lexicons.ky import WORDS as KY_WORDS
from bot.engine.text.morph import morph

MARK = "[имя]"
_TAGS = frozenset({"Name", "Surn", "Patr"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_PATRONYM = re.compile(r"[^\W\d_]+[\s-]+(?:уулу|кызы)\b", re.I)
_INTRODUCED = re.compile(r"\b(зовут|атым|фамилия|фамилиям)(\s+)[^\W\d_]+", re.I)
_SURNAME = re.compile(r"(?:ов|ев)(?:а|ой|у|ым|ым|е|ых)?$|(?:ова|ева)(?:га|нын|ны|дан|да)$")
# Common Kyrgyz given names, without endings; none of them is also an everyday word.
KY_NAMES = frozenset(
    {
        "айгул", "айгүл", "айжан", "айпери", "айзада", "айнура", "айдай", "айсулуу", "бермет",
        "бурул", "гүлнара", "гульнара", "жылдыз", "жыпар", "нургул", "нургүл", "чолпон",
        "динара", "мээрим", "асел", "назгул", "назгүл", "салтанат", "акылбек", "азамат",
        "нурлан", "эрлан", "эрмек", "темирлан", "бекзат", "нурбек", "айбек", "медер", "бектур",
        "мирлан", "элдияр", "чынгыз", "нуржан", "асылбек", "улукбек", "санжар", "эламан",
        "максат", "бакытбек", "жаныбек", "алмазбек", "курманбек", "таалай", "садыр",
    }
)  # fmt: skip
# Kyrgyz words pymorphy3 would take for Russian surnames or names (it reads them as Russian).
_KY_COMMON = frozenset(
    {
        "менин", "сенин", "сиздин", "биздин", "силердин", "алардын", "анын", "рахмат", "эмне",
        "атам", "апам", "агам", "эжем", "урматтуу", "ошол", "бирок", "андан", "мындан",
    }
)  # fmt: skip
_KY_ENDING_MAX = 4  # «Айгулга», «Азаматтын»: a case ending is at most this long


def strip_names(text: str) -> str:
    """The text with every personal name it recognises replaced by «[имя]»."""
    text = _PATRONYM.sub(MARK, text)
    text = _INTRODUCED.sub(lambda m: f"{m.group(1)}{m.group(2)}{MARK}", text)
    return _WORD.sub(lambda m: MARK if is_name(m.group()) else m.group(), text)


def is_name(word: str) -> bool:
    """Whether one word looks like a person's name (see the module's docstring)."""
    lowered = word.lower().replace("ё", "е")
    if any(lowered.startswith(n) and len(lowered) - len(n) <= _KY_ENDING_MAX for n in KY_NAMES):
        return True
    if len(word) < 3 or not word[0].isupper() or lowered in KY_WORDS or lowered in _KY_COMMON:
        return False
    parses = morph().parse(word)
    named = sum(p.score for p in parses if _TAGS & set(p.tag.grammemes))
    if named >= 0.5:
        return True
    known_otherwise = any(p.is_known and not _TAGS & set(p.tag.grammemes) for p in parses)
    return not known_otherwise and _SURNAME.search(lowered) is not None
