"""Finding indicators in an offer: content patterns, plus the rules patterns cannot express."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.extract.contacts import mentions_messenger
from bot.engine.extract.facts import Entity, Facts
from bot.engine.extract.places import CITY_COUNTRY
from bot.engine.offer.catalogue import Catalogue, Indicator
from bot.engine.offer.concepts import Combination
from bot.engine.offer.negation import Negation
from bot.engine.offer.patterns import Finder
from bot.engine.text.clauses import clauses

MAX_EVIDENCE = 3
_SENTENCE_END = re.compile(r"[.!?\n]")
_SENTENCE_WINDOW = 300
# Pay in an offer without a currency is in the destination's currency.
_HOME_CURRENCY = {"RU": "RUB", "KZ": "KZT", "KG": "KGS", "KR": "KRW", "TR": "TRY", "AE": "AED"}
_MESSENGER_LINK = re.compile(r"(?:t|wa|telegram)\.me/", re.IGNORECASE)
_CALL_TO_PERSON = re.compile(
    r"\b(?:пиши(?:те)?|звони(?:те)?|набери(?:те)?|спроси(?:те)?|жаз(?:ыңыз|ыныз|гыла|ып кой)?"
    r"|чал(?:ыңыз|ыныз|гыла)?|pishi(?:te)?|zvoni(?:te)?|jaz(?:yngyz|gyla)?|chal(?:yngyz|gyla)?"
    r"|байке|эже|агай|baike|baïke)\b",
    re.IGNORECASE,
)

# A line of a retold chat: a dialogue dash «—», or a time stamp and a name. (Not «-» or
# «Зарплата:»: those start the lines of any vacancy's list of conditions.)
_CHAT_TURN = re.compile(
    r"^[ \t]*(—|\[?\d{1,2}:\d{2}\]?[ \t]*[\w.]{1,20}(?: [\w.]{1,20})?:)[ \t]*\w",
    re.MULTILINE,
)


# A street address: an employer that can be found, even if its name was not recognised.
_ADDRESS = re.compile(
    r"\b(?:ул\.|улиц|пр\.|просп|пер\.|переул|бульв|шоссе|мкр|микрорайон|көч\.|кочосу|көчөсү|"
    r"street|str\.|офис)",
    re.IGNORECASE,
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
    asking whether a sign holds does not state it."""
    tail = _SENTENCE_END.search(folded, end, min(len(folded), end + _SENTENCE_WINDOW))
    return tail is not None and tail.group() == "?"


def sentence_of(folded: str, index_map: Sequence[int], span: Span) -> str:
    """The folded sentence around a span of the original text (the map is monotonic)."""
    lo = bisect_left(index_map, span.start)
    hi = bisect_left(index_map, span.end)
    return _sentence(folded, lo, max(lo, hi))


def asks_at(folded: str, index_map: Sequence[int], span: Span) -> bool:
    """`asks` for a span of the original text."""
    return asks(folded, bisect_left(index_map, span.end))


def _to_orig(index_map: Sequence[int], start: int, end: int) -> Span:
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
            span = _to_orig(index_map, m.start(), m.end())
            if asks(folded, m.end()):
                continue  # a question, not a statement: found neither way
            if ind.unless:
                sentence = _sentence(folded, m.start(), m.end())
                if any(u.search(sentence) is not None for u in ind.unless):
                    denied.append(span)  # «оплата визы за счёт работодателя»: in favour
                    continue
            if negation is not None and negation.warns(_sentence(folded, m.start(), m.end())):
                denied.append(span)  # «если просят предоплату — это мошенники»
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


def pay_rule(
    catalogue: Catalogue, facts: Facts, folded: str, index_map: Sequence[int]
) -> list[Span]:
    """Pay far above the reference for the destination and sector."""
    country = home_country(facts)
    ref = catalogue.wages.reference(country, facts.sector)
    if ref is None:
        return []
    limit = catalogue.wages.limit(ref, folded)
    spans = []
    for money in facts.monies:
        usd = catalogue.wages.monthly_usd(money, _HOME_CURRENCY.get(country or ""))
        if usd is not None and usd > limit:
            spans.append(_to_orig(index_map, money.start, money.end))
    return spans[:MAX_EVIDENCE]


def agency_rule(catalogue: Catalogue, entities: Sequence[Entity]) -> tuple[list[Span], bool]:
    """Named agencies absent from a complete register; and whether one was found on it."""
    registry = catalogue.agencies
    spans, permitted = [], False
    for e in entities:
        if e.entity != "agency":
            continue
        if registry.match(str(e.value)):
            permitted = True
        elif registry.complete:
            spans.append(Span(e.start, e.end))
    return spans[:MAX_EVIDENCE], permitted


def employer_rule(text: str, entities: Sequence[Entity]) -> list[Span]:
    """No company named, only a phone, a @handle or a messenger to write to."""
    if any(e.entity in ("employer", "agency") for e in entities):
        return []
    websites = [
        e
        for e in entities
        if e.entity in ("url", "email") and not _MESSENGER_LINK.search(str(e.value))
    ]
    if websites:
        return []
    contacts = [e for e in entities if e.entity in ("phone", "telegram_handle", "url")]
    if contacts:
        return [Span(contacts[0].start, contacts[0].end)]
    if mentions_messenger(text):
        m = re.search(
            r"whats\s?app|ват?с\s?ап|вотсап|вацап|телеграм|telegram|личк\w*|\bлс\b",
            text,
            re.IGNORECASE,
        )
        return [Span(m.start(), m.end())] if m else []
    # No contact at all, only «пиши мне», «звони», «Нурлан байке»: a person, not a company.
    call = _CALL_TO_PERSON.search(text)
    if call:
        return [Span(call.start(), call.end())]
    # A chat retold line by line («— …», «[14:32] Канат: …»): the offer comes from a person.
    turns = list(_CHAT_TURN.finditer(text))
    return [Span(turns[1].start(1), turns[1].end(1))] if len(turns) >= 2 else []


def nobody_named(text: str, entities: Sequence[Entity]) -> list[Span]:
    """No company, website or address at all: the first words, where a company would be.

    Only worth saying next to another warning sign (an information post names no employer
    and needs none), so the check adds it after the others."""
    if any(e.entity in ("employer", "agency", "url", "email") for e in entities):
        return []
    first = next(iter(clauses(text)), None)
    return [Span(first.start, first.end)] if first and not _ADDRESS.search(text) else []


def home_country(facts: Facts) -> str | None:
    """The destination, from the country named or else the city's country."""
    return facts.country or CITY_COUNTRY.get(facts.city or "")
