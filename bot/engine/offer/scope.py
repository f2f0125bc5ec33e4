"""How far a negation cue reaches: over a list's commas to its items, not past a noun.

«Предоплат, комиссий и сборов нет»: the predicate ends a list and denies every item;
«не набираем хостес, танцовщиц и компаньонок»: the cue before a list reaches its items.
Kyrgyz «жок»/«эмес» deny the noun right before them: «паспорттор бригадирде турат ал жактан
чыгуу жок» denies the going out, not the passport kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+")
# A list («предоплат, комиссий и сборов нет») lets a predicate reach back over its commas.
LIST = re.compile(r"\b(?:и|или|да|же|жана|дагы)\b")
ITEM_BREAK = re.compile(rf",|{LIST.pattern}")  # where one item of a list ends
LIST_ITEMS = 5  # a cue reaches over at most four commas of a list to a one-word item

# «жок», «эмес», «нет» deny the noun right before them; words that may stand between.
NOUN_CUES = frozenset({("жок",), ("эмес",), ("нет",)})
_MODAL = ("укуг", "укук", "мумкун", "керег", "зарыл", "милдет", "уруксат")
_FILLERS = frozenset(
    {"эч", "еч", "кандай", "деген", "да", "де", "эле", "деле", "такыр", "дагы"}
    # «предоплаты у нас нет», «комиссии никакой тоже нет»
    | {"у", "нас", "вас", "них", "никаких", "никакой", "никакого", "тоже", "здесь", "вообще"}
)


def another_noun(words: Sequence[str], between: str) -> bool:
    """Whether «жок»/«эмес» after these words denies a noun of its own: two words or more
    stand between the match and it, not a list («төлөм, комиссия же каттоо акысы жок») and
    not a right or a need it takes («кармап калууга укугу жок»: has no right to keep)."""
    if "," in between or LIST.search(between) or (words and words[-1].startswith(_MODAL)):
        return False
    return sum(w not in _FILLERS for w in words) >= 2


def list_after(between: str) -> bool:
    """Whether what stands between a one-word match and its predicate is the rest of a list
    without a conjunction («Предоплаты, взносов, «оплаты за место» нет»)."""
    pieces = between.split(",")
    return len(pieces) <= LIST_ITEMS and all(len(_TOKEN.findall(p)) <= 3 for p in pieces)


def listed(folded: str, start: int, end: int, cue_end: int) -> bool:
    """Whether a one-word match is an item of a list the cue governs across its commas
    («не набираем хостес, танцовщиц и компаньонок»), not a statement of its own."""
    if len(_TOKEN.findall(folded, start, end)) != 1:
        return False
    pieces = ITEM_BREAK.split(folded[cue_end:start])
    if len(pieces) > LIST_ITEMS or _TOKEN.search(pieces[-1]):
        return False
    return all(len(_TOKEN.findall(p)) <= 3 for p in pieces[:-1])
