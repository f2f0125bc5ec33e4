"""Finding indicators in an offer: content patterns, plus the rules patterns cannot express."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.offer.catalogue import Indicator
from bot.engine.offer.concepts import Combination
from bot.engine.offer.negation import Negation
from bot.engine.offer.patterns import Finder

MAX_EVIDENCE = 3
_SENTENCE_END = re.compile(r"[.!?\n]")
_SENTENCE_WINDOW = 300
_ABOUT_THE_OFFER = re.compile(
    r"\b(?:ким|кто|кайсы|эмне|кандай|как|что|стоит|ехать|норм\w*|барсам\w*|барайын\w*|"
    r"ишен\w*|верить|правда|мошен\w*|алдамчы\w*)\b"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A span of the folded text, already mapped back to the original."""

    start: int
    end: int


def _sentence(folded: str, start: int, end: int) -> str:
    lo = max(0, start - _SENTENCE_WINDOW)
    head = folded[lo:start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)
    tail = _SENTENCE_END.search(folded, end, min(len(folded), end + _SENTENCE_WINDOW))
    return folded[lo + cut : tail.start() if tail else min(len(folded), end + _SENTENCE_WINDOW)]


def asks(folded: str, end: int) -> bool:
    """Whether the sentence around `end` is a question («паспортумду алып коюшабы?»): someone
    asking whether a sign holds does not state it. A statement before a question about the
    offer as a whole is still stated: «акча объект бүткөндө, эртең жөнөйбүз, ким барат?»,
    «паспорт отдают бригадиру, это нормально?» (not «…, а там оформиться?»)."""
    tail = _SENTENCE_END.search(folded, end, min(len(folded), end + _SENTENCE_WINDOW))
    if tail is None or tail.group() != "?":
        return False
    between = folded[end : tail.start()]
    if "," not in between:
        return True
    return _ABOUT_THE_OFFER.search(between.rsplit(",", 1)[-1]) is None


def sentence_of(folded: str, index_map: Sequence[int], span: Span) -> str:
    """The folded sentence around a span of the original text (the map is monotonic)."""
    lo = bisect_left(index_map, span.start)
    hi = bisect_left(index_map, span.end)
    return _sentence(folded, lo, max(lo, hi))


def asks_at(folded: str, index_map: Sequence[int], span: Span) -> bool:
    """`asks` for a span of the original text."""
    return asks(folded, bisect_left(index_map, span.end))


def to_orig(index_map: Sequence[int], start: int, end: int) -> Span:
    return Span(index_map[start], index_map[max(start, end - 1)] + 1)


def match_patterns(
    ind: Indicator, folded: str, index_map: Sequence[int], negation: Negation | None = None
) -> tuple[list[Span], list[Span]]:
    """Spans where the indicator's patterns match, minus those `unless` cancels or the offer
    denies; and the denied ones (the offer then answers the sign's question there)."""
    spans: list[Span] = []
    denied: list[Span] = []
    combinations = [c for c in ind.combinations if _named_elsewhere(c, folded, negation)]
    finders: tuple[Finder, ...] = (*ind.patterns, *combinations)
    for pattern in finders:
        for m in pattern.finditer(folded):
            if m.end() == m.start():
                continue
            span = to_orig(index_map, m.start(), m.end())
            heard = negation is not None and negation.heard(folded, m.start())
            if heard or asks(folded, m.end()):
                continue  # a question (or what the asker heard), not a statement
            sentence = _sentence(folded, m.start(), m.end())
            if any(u.search(sentence) is not None for u in ind.unless):
                denied.append(span)  # «оплата визы за счёт работодателя»: in favour
                continue
            if negation is not None and (negation.warns(sentence) or negation.takes_back(sentence)):
                # «если просят предоплату — это мошенники», «…, у нас такого нет»
                denied.append(span)
                continue
            if negation is not None and negation.denied(pattern, folded, m.start(), m.end()):
                denied.append(span)
                continue
            if not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
            if len(spans) >= MAX_EVIDENCE:
                return spans, denied
    return spans, denied


def _named_elsewhere(combination: Combination, folded: str, negation: Negation | None) -> bool:
    """Whether each of a combination's «any:» concepts is named somewhere in the offer as a
    statement (not in a question, nor in a warning about it)."""
    for concept in combination.anywhere:
        for m in concept.regex.finditer(folded):
            sentence = _sentence(folded, m.start(), m.end())
            if not asks(folded, m.end()) and not (negation and negation.warns(sentence)):
                break
        else:
            return False
    return True


def reassured(ind: Indicator, folded: str) -> bool:
    """Whether the offer already answers this indicator's question in its favour."""
    return any(p.search(folded) is not None for p in ind.reassure)
