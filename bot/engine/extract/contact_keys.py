"""Each contact of an offer in one form, so that the same recruiter is the same key.

«+7 (900) 000-11-22», «8900 000 1122» and «wa.me/79000001122» are one phone number;
«@Rabota_Msk» and «t.me/rabota_msk» one Telegram account; «ОсОО «Ак-Жол Курулуш»» and
«ак жол курулуш» one company. Built on what the offer check already finds
(`find_contacts`, `find_organisations`); the services key and count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from bot.engine.extract.contacts import Contact, find_contacts
from bot.engine.extract.facts import MAX_ENTITY_CHARS
from bot.engine.extract.organisations import LEGAL_FORMS, find_organisations
from bot.engine.text.language import fold

KINDS = ("phone", "telegram", "email", "company")
# A number written without its country code: 0xxx is Kyrgyz, 8xxx Russian (or Kazakh, which
# `find_contacts` tells by its plan); one it cannot place is taken for a Kyrgyz one.
DEFAULT_REGION = "KG"
_WHATSAPP = re.compile(r"(?:wa\.me/|whatsapp\.com/send/?\?phone=)\+?(\d{7,15})", re.I)
_TELEGRAM = re.compile(r"(?:t|telegram)\.me/([A-Za-z][A-Za-z0-9_]{3,31})(?![\w+])", re.I)
_NOT_ACCOUNTS = frozenset({"joinchat", "addstickers", "share", "proxy", "socks", "iv"})
_LEGAL = re.compile(rf"(?<!\w)(?:{LEGAL_FORMS})(?!\w)", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W_]+")
# The state's own employment centre is named by honest and dishonest posts alike.
_PUBLIC_BODIES = re.compile(r"центр\w* занятост|борбор")
MIN_COMPANY_CHARS = 3


@dataclass(frozen=True, slots=True)
class ContactKey:
    """One contact: its kind, the form it is keyed by, and how the report may show it."""

    kind: str
    key: str
    shown: str


def phone_key(written: str, region: str | None = None) -> str | None:
    """A phone number in E.164 («+79000001122»), or None when it is not a possible number."""
    has_plus = written.lstrip().startswith("+")
    try:
        number = phonenumbers.parse(written, None if has_plus else region or DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def company_key(name: str) -> str | None:
    """A company's name folded: no legal form, quotes, case or dashes («ак жол курулуш»)."""
    bare = _NOT_LETTERS.sub(" ", fold(_LEGAL.sub(" ", name))).strip()
    if len(bare) < MIN_COMPANY_CHARS or _PUBLIC_BODIES.search(bare):
        return None
    return bare


def _of_contact(contact: Contact) -> ContactKey | None:
    value = contact.value
    if contact.kind == "phone":
        key = phone_key(value, contact.country)
        return ContactKey("phone", key, key) if key else None
    if contact.kind == "email":
        return ContactKey("email", value.lower(), value.lower())
    if contact.kind == "telegram_handle":
        name = value.lstrip("@").lower()
        return ContactKey("telegram", name, f"@{name}")
    if (whatsapp := _WHATSAPP.search(value)) is not None:
        key = phone_key("+" + whatsapp.group(1))
        return ContactKey("phone", key, key) if key else None
    telegram = _TELEGRAM.search(value)
    if telegram is not None and telegram.group(1).lower() not in _NOT_ACCOUNTS:
        name = telegram.group(1).lower()
        return ContactKey("telegram", name, f"@{name}")
    return None  # another link: a site is not a recruiter's account


def contact_keys(text: str) -> tuple[ContactKey, ...]:
    """The offer's phones, Telegram accounts, e-mails and companies, each once, in order."""
    text = text[:MAX_ENTITY_CHARS]
    found = [_of_contact(c) for c in find_contacts(text)]
    for organisation in find_organisations(text):
        name = str(organisation.value)
        key = company_key(name)
        found.append(ContactKey("company", key, name) if key else None)
    unique: dict[tuple[str, str], ContactKey] = {}
    for item in found:
        if item is not None:
            unique.setdefault((item.kind, item.key), item)
    return tuple(unique.values())
