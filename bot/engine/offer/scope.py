"""How far a negation cue reaches: over a list's commas to its items, not past a noun.

«Предоплат, комиссий и сборов нет»: the predicate ends a list and denies every item;
«не набираем хостес, танцовщиц и компаньонок»: the cue before a list reaches its items.
Kyrgyz «жок»/«эмес» deny the noun right before them: «паспорттор бригадирде турат ал жактан
чыгуу жок» denies the going out, not the passport kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.text.phrases import phrase_at

_TOKEN = re.compile(r"\w+")
# A list («предоплат, комиссий и сборов нет») lets a predicate reach back over its commas.
LIST = re.compile(r"\b(?:и|или|да|же|жана|дагы)\b")
ITEM_BREAK = re.compile(rf",|{LIST.pattern}")  # where one item of a list ends
LIST_ITEMS = 5  # a cue reaches over at most four commas of a list to a one-word item
# «Мы не отправляем на «курсы», по гостевым или туристическим визам»: the last item of a
# list joined by «или» is governed by a cue this many words before it.
OR_WORDS = frozenset({"или", "либо", "ни", "же"})
OR_REACH = 8

# «жок», «эмес», «нет» deny the noun right before them; words that may stand between.
NOUN_CUES = frozenset({("жок",), ("эмес",), ("нет",)})
_MODAL = ("укуг", "укук", "мумкун", "керег", "зарыл", "милдет", "уруксат", "тийиш")
_FILLERS = frozenset(
    {"эч", "еч", "кандай", "деген", "да", "де", "эле", "деле", "такыр", "дагы"}
    # «предоплаты у нас нет», «комиссии никакой тоже нет»
    | {"у", "нас", "вас", "них", "никаких", "никакой", "никакого", "тоже", "здесь", "вообще"}
    # «удержаний из зарплаты за него нет»: what the noun is for, said with a pronoun
    | {"за", "него", "неё", "нее", "это", "этого"}
)
# «студенттик виза менен эч ким жөнөтүлбөйт»: words that do not count towards a Kyrgyz
# negative verb's reach back to the match.
_VERB_FILLERS = frozenset({"эч", "еч", "ким", "кимди", "бир", "да", "де", "эле", "деле", "такыр"})


def verb_reach(words: Sequence[str], last: int, window: int) -> int:
    """The end (exclusive) of the words after `last` where a negative verb still denies the
    match: `window` words, not counting «эч ким»-like fillers."""
    i, counted = last + 1, 0
    while i < len(words) and counted < window:
        counted += words[i] not in _VERB_FILLERS
        i += 1
    return i


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


def heard(
    folded: str,
    start: int,
    hearsay: tuple[tuple[str, ...], ...],
    rebuttal: tuple[tuple[str, ...], ...] = (),
) -> bool:
    """Whether the (folded) text at `start` is in a sentence that tells what the asker has
    heard, right after their question: «А график какой? Говорят, на стройках по 14 часов»,
    or that the next turn denies at once: «— Мне говорили, что сначала месяц бесплатно…
    — У нас нет.» (not a friend retelling the offer: «мне предложили … Говорят, лети как
    турист»)."""
    cut = max(folded.rfind(c, 0, start) for c in ".!?\n")
    opening = [m.group() for m in _TOKEN.finditer(folded, cut + 1, cut + 61)]
    if phrase_at(opening, 0, hearsay) is None:
        return False
    if cut >= 0 and folded[cut] == "?":
        return True
    ends = [i for i in (folded.find(c, start) for c in ".!?\n") if i >= 0]
    if not ends:
        return False
    return _rebutted(folded, min(ends), rebuttal)


def _rebutted(folded: str, at: int, rebuttal: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the turn after `at` opens with a denial that is a clause of its own («— У нас
    нет.», «Рекрутер: Биз андай кылбайбыз»), not a statement («Нет выходных»)."""
    tokens = list(_TOKEN.finditer(folded, at, at + 60))
    words = [t.group() for t in tokens]
    for i in (0, 1):  # the reply may open with its speaker
        phrase = phrase_at(words, i, rebuttal)
        if phrase is not None:
            rest = folded[tokens[i + len(phrase) - 1].end() :].lstrip(" ")
            return not rest or rest[0] in ",.!;—-\n"
    return False


def governs_next(
    folded: str,
    tokens: Sequence[tuple[int, int]],
    i: int,
    cue: tuple[str, ...],
    about: frozenset[str],
) -> bool:
    """Whether a Russian «не нужно»-cue at token `i` denies the word right after it, one of
    `about`, with no punctuation between (typed without it). A Kyrgyz «жок» ends its clause
    and never governs ahead: «предоплата жок, контракт …» denies the prepayment."""
    j = i + len(cue)
    if cue[0] != "не" or j >= len(tokens):
        return False
    word = folded[tokens[j][0] : tokens[j][1]]
    return word in about and not folded[tokens[j - 1][1] : tokens[j][0]].strip()
