"""The offer check's rules that read facts, not phrases: pay against the reference, the length
of a working day, the agency register, whether an employer is named, who the offer speaks for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.extract.contacts import mentions_messenger
from bot.engine.extract.entity import Entity
from bot.engine.extract.facts import Facts
from bot.engine.extract.hours import long_days
from bot.engine.extract.places import CITY_COUNTRY
from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.match import MAX_EVIDENCE, Span, to_orig
from bot.engine.text.clauses import clauses
from bot.engine.text.language import fold

# Pay in an offer without a currency is in the destination's currency.
HOME_CURRENCY = {"RU": "RUB", "KZ": "KZT", "KG": "KGS", "KR": "KRW", "TR": "TRY", "AE": "AED"}
# Pay in a currency used in one country only is pay there, when the offer names no place
# («на Сахалине … 400 миң рубль», «айына 900 миң тенге»).
_CURRENCY_HOME = {"RUB": "RU", "KZT": "KZ", "KRW": "KR", "TRY": "TR", "AED": "AE", "PLN": "PL"}
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
# A street and a number to go to («ул. Ленина 00», «Анар кичирайону 00», «базар 00 контейнер»).
_STREET = re.compile(
    r"\b(?:ул\.|улиц\w*|пр\.|просп\w*|проспекти|пер\.|переул\w*|бульв\w*|шоссе|мкр|микрорайон\w*|"
    r"к[өо]ч\.|к[өо]ч[өо]с[үу]|кичирайон\w*|кичи району|базар\w*|street|str\.|ul\.|офис\w*|"
    r"к[еэ][нң]с[еэ]\w*|адрес\w*|дар[еи][кг]\w*|"
    # A recruitment point and where it is, not a contract's «пункт 3».
    r"(?:пункт|punkt)\w*(?= (?:отбора|набора|otbora|(?-i:[A-ZА-ЯЁ])))|"
    # «ул киевская 000» typed without the dot (a word must follow: Kyrgyz «ул» is a word too).
    r"ул\s[^\W\d_]{3,})"
    r"[^\n,.!?]{0,25}?\d"
    # «Дарек: Ош, Курманжан Датка 000», «Ofis: Osh, Alisher Navoi 000»: a labelled address
    # with its town first; a house number, not a phone's digits.
    r"|\b(?:адрес|дар[еи][кг]|к[еэ][нң]с[еэ]|офис|adres|darek|ofis)\w*\s?:[^\n!?]{0,40}?"
    r"(?<![\d+])(?<!\d )(?<!\d-)\d{1,4}(?![\d]|[ -]?\d{2})",
    re.IGNORECASE,
)


# A cost word before the amount in the same clause, no pay word between; or a debt after it.
_COST_BEFORE = re.compile(
    r"(?:пакет|стоимост|цена|долг|кредит|карыз|насыя|взнос|депозит|залог|штраф|комисси|чыгым|"
    r"чыгаша|за услуг|за визу|за билет)\w*"
    r"(?:(?!зарплат|айлык|айлыг|зп|оклад|доход|маяна)[^\d\n,.;:!?]){0,30}$"
)
_COST_AFTER = re.compile(
    r"[^\n\d.!?;]{0,15}?(?:долг|карыз|вычит|удерж|кармал|толойсуз|толойсун|вносит|пакет)"
)


def pay_rule(
    catalogue: Catalogue, facts: Facts, folded: str, index_map: Sequence[int]
) -> list[Span]:
    """Pay far above the reference for the destination and sector."""
    country = home_country(facts) or next(
        (_CURRENCY_HOME[m.currency] for m in facts.monies if m.currency in _CURRENCY_HOME), None
    )
    ref = catalogue.wages.reference(country, facts.sector)
    if ref is None:
        return []
    limit = catalogue.wages.limit(ref, folded)
    spans = []
    for money in facts.monies:
        if _is_cost(folded, money.start, money.end):
            continue
        usd = catalogue.wages.monthly_usd(money, HOME_CURRENCY.get(country or ""))
        if usd is not None and usd > limit:
            spans.append(to_orig(index_map, money.start, money.end))
    return spans[:MAX_EVIDENCE]


def _is_cost(folded: str, start: int, end: int) -> bool:
    """An amount the worker pays or owes («пакет … — 6 000 $», «кредиттерин жапканга 500 000
    рубль», «бул акча (3 000$) долг»), not pay: it is no lure of high pay."""
    return bool(_COST_BEFORE.search(folded, max(0, start - 40), start)) or bool(
        _COST_AFTER.match(folded, end)
    )


def workday_rule(folded: str, index_map: Sequence[int]) -> list[Span]:
    """A working day of 12 hours or more, written as clock times («с 6 до 22»)."""
    return [to_orig(index_map, w.start, w.end) for w in long_days(folded)][:MAX_EVIDENCE]


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


def findable(text: str, entities: Sequence[Entity]) -> bool:
    """A company named, a website or a street address: whoever offers the job can be found,
    so the employer is not vague however the offer asks to be contacted."""
    if any(e.entity in ("employer", "agency") for e in entities):
        return True
    websites = [
        e
        for e in entities
        if e.entity in ("url", "email") and not _MESSENGER_LINK.search(str(e.value))
    ]
    return bool(websites) or has_street(text)


def employer_rule(text: str, entities: Sequence[Entity]) -> list[Span]:
    """No company named, only a phone, a @handle or a messenger to write to."""
    if findable(text, entities):
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
    # A messenger link is no employer, but it is a contact: somebody is named to write to.
    if findable(text, entities) or any(e.entity in ("url", "email") for e in entities):
        return []
    first = next(iter(clauses(text)), None)
    return [Span(first.start, first.end)] if first and not _ADDRESS.search(text) else []


def has_street(text: str) -> bool:
    """A street and a number, also typed in Latin letters («Ugreshskaya koch. 00»)."""
    return _STREET.search(text) is not None or _STREET.search(fold(text)) is not None


def home_country(facts: Facts) -> str | None:
    """The destination, from the country named or else the city's country."""
    return facts.country or CITY_COUNTRY.get(facts.city or "")
