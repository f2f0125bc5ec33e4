"""Entities and facts of an offer: pay, destination, sector, contacts, employer and agency.

`find_entities` is the one finder the NLU and the offer check share: money, places and
organisations are matched on folded text (so Latin-script and keyboard-less Kyrgyz spellings
match) and mapped back to the original text; contacts are matched on the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.engine.extract.contacts import find_contacts
from bot.engine.extract.entity import Entity
from bot.engine.extract.money import Money, find_money
from bot.engine.extract.organisations import find_organisations
from bot.engine.extract.places import CITY_COUNTRY, find_places
from bot.engine.extract.sectors import find_sector
from bot.engine.text.language import fold_with_map


def _orig_span(index_map: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    if start >= len(index_map):
        return length, length
    return index_map[start], (index_map[end - 1] + 1 if end > start else index_map[start])


MAX_ENTITY_CHARS = 20_000


def find_entities(text: str) -> list[Entity]:
    """Countries, cities, money, phones, links, @handles, e-mails, employers and agencies.

    Only the first 20 000 characters are looked at, so that time stays bounded.
    """
    text = text[:MAX_ENTITY_CHARS]
    folded, index_map = fold_with_map(text)
    return entities_in(text, folded, index_map)


def entities_in(
    text: str, folded: str, index_map: list[int], monies: list[Money] | None = None
) -> list[Entity]:
    """`find_entities` for a text already folded by `language.fold_with_map`."""
    found: list[Entity] = []
    for place in find_places(folded):
        s, e = _orig_span(index_map, place.start, place.end, len(text))
        found.append(Entity(place.kind, place.value, s, e))
    for money in find_money(folded) if monies is None else monies:
        s, e = _orig_span(index_map, money.start, money.end, len(text))
        found.append(Entity("money", dict(money.to_dict()), s, e))
    found.extend(Entity(c.kind, c.value, c.start, c.end) for c in find_contacts(text))
    found.extend(find_organisations(text))
    phones = [(e.start, e.end) for e in found if e.entity == "phone"]
    found = [
        e for e in found if e.entity != "money" or not any(s <= e.start < t for s, t in phones)
    ]
    found.sort(key=lambda e: (e.start, e.entity))
    return found


@dataclass(frozen=True, slots=True)
class Facts:
    """What an offer says about itself; None where it is silent."""

    country: str | None = None
    city: str | None = None
    sector: str | None = None
    pay: Money | None = None
    contacts: tuple[str, ...] = ()
    employer: str | None = None
    agency: str | None = None
    entities: tuple[Entity, ...] = field(default=(), repr=False)
    monies: tuple[Money, ...] = field(default=(), repr=False)  # spans in folded text

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "city": self.city,
            "sector": self.sector,
            "pay": self.pay.to_dict() if self.pay else None,
            "contacts": list(self.contacts),
            "employer": self.employer,
            "agency": self.agency,
        }


def _first(entities: list[Entity], kind: str, skip: str | None = None) -> str | None:
    values = [str(e.value) for e in entities if e.entity == kind]
    preferred = [v for v in values if v != skip and CITY_COUNTRY.get(v) != skip]
    chosen = preferred or values
    return chosen[0] if chosen else None


def extract_facts(text: str, folded: tuple[str, list[int]] | None = None) -> Facts:
    """The facts of one offer: destination (not Kyrgyzstan when another is named), pay, …

    Args:
        folded: `fold_with_map(text)` when the caller already has it.
    """
    folded_text, index_map = folded if folded is not None else fold_with_map(text)
    monies = find_money(folded_text)
    entities = entities_in(text, folded_text, index_map, monies)
    city = _first(entities, "city", skip="KG")
    country = _first(entities, "country", skip="KG")
    if country is None or (country == "KG" and city and CITY_COUNTRY[city] != "KG"):
        country = CITY_COUNTRY.get(city or "", country)
    pay = next((m for m in monies if m.currency or m.period), monies[0] if monies else None)
    contact_kinds = ("phone", "url", "telegram_handle", "email")
    return Facts(
        country=country,
        city=city,
        sector=find_sector(folded_text),
        pay=pay,
        contacts=tuple(str(e.value) for e in entities if e.entity in contact_kinds),
        employer=_first(entities, "employer"),
        agency=_first(entities, "agency"),
        entities=tuple(entities),
        monies=tuple(monies),
    )
