"""Contacts in an offer: phone numbers (KG, RU, KZ, TR, AE, KR), links, @handles, e-mails.

Runs on the original text: folding would turn Latin handles and links into Cyrillic.
A phone is accepted only when its digits fit a known national plan, so that pay ranges
(«800 000 - 900 000») and dates are not mistaken for numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\s\-().]{0,2}\d){8,40}(?!\d)")
# (country, digits pattern after stripping everything but digits)
_PLANS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("KG", re.compile(r"996\d{9}|0[2-9]\d{8}")),
    ("KZ", re.compile(r"[78]7\d{9}")),
    ("RU", re.compile(r"[78][3-9]\d{9}")),
    ("TR", re.compile(r"90[2-5]\d{9}|05\d{9}")),
    ("AE", re.compile(r"971\d{8,9}|05\d{8}")),
    ("KR", re.compile(r"82\d{9,10}|010\d{8}")),
)
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]{2,200}"
    r"|(?<![\w@.])(?:t\.me|wa\.me|telegram\.me|instagram\.com|vk\.com)/[\w+/\-]{2,100}"
    r"|(?<![\w@.\-])[a-z0-9\-]{2,63}\.(?:ru|kg|kz|com|net|org|tr|ae|kr|me|info|online|site|pro)"
    r"(?:/[^\s<>\"«»]{0,200})?(?![\w.])",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,4}")
_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{3,31}(?![\w@.])")
_MESSENGER_RE = re.compile(
    r"whats\s?app|ватс\s?ап|вотсап|ватсап|вацап|телеграм|telegram|вайбер|viber|\bвк\b|директ|"
    r"\bлс\b|личк[аеуи]|в\s+личные",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact: kind is phone, url, email or telegram_handle; value is normalised."""

    kind: str
    value: str
    start: int
    end: int
    country: str | None = None


def _phone_country(digits: str, has_plus: bool) -> str | None:
    """The country of a phone number; "" for another international number; None: no phone."""
    for country, plan in _PLANS:
        if plan.fullmatch(digits):
            if has_plus and digits.startswith("0"):
                continue
            return country
    if has_plus and 10 <= len(digits) <= 15 and not digits.startswith("0"):
        return ""
    return None


def _phones_in(raw: str, offset: int) -> list[Contact]:
    """Split a run of digits into phones: two numbers side by side are common in posts.

    Tries, from each group of digits, the longest run of up to 6 following groups that is a
    valid number (so the work stays linear in the length of the run).
    """
    groups = [(m.start(), m.end()) for m in re.finditer(r"\S+", raw)]
    group_digits = ["".join(filter(str.isdigit, raw[s:e])) for s, e in groups]
    out: list[Contact] = []
    i = 0
    while i < len(groups):
        best: tuple[int, str, str] | None = None
        digits = ""
        # A written phone has at most 6 groups («+7 999 123 45 67») and 10-15 digits.
        for j in range(i, min(len(groups), i + 6)):
            digits += group_digits[j]
            if len(digits) > 15:
                break
            if len(digits) < 9:
                continue
            chunk = raw[groups[i][0] : groups[j][1]]
            country = _phone_country(digits, chunk.startswith("+"))
            if country is not None:
                best = (j, ("+" if chunk.startswith("+") else "") + digits, country)
        if best is None:
            i += 1
            continue
        j, value, country = best
        start, end = offset + groups[i][0], offset + groups[j][1]
        out.append(Contact("phone", value, start, end, country or None))
        i = j + 1
    return out


def find_contacts(text: str) -> list[Contact]:
    """Phones, links, e-mails and @handles, in order of appearance."""
    found: list[Contact] = []
    taken: list[tuple[int, int]] = []
    # The e-mail pattern is costly on every word; most offers have no «@» at all.
    for m in _EMAIL_RE.finditer(text) if "@" in text else ():
        found.append(Contact("email", m.group().lower(), m.start(), m.end()))
        taken.append(m.span())
    for m in _URL_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = m.group().rstrip(".,;:!?)")
        found.append(Contact("url", value, m.start(), m.start() + len(value)))
        taken.append(m.span())
    for m in _HANDLE_RE.finditer(text) if "@" in text else ():
        if not any(s <= m.start() < e for s, e in taken):
            found.append(Contact("telegram_handle", m.group(), m.start(), m.end()))
    for m in _PHONE_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found.extend(_phones_in(m.group(), m.start()))
    found.sort(key=lambda c: c.start)
    return found


def mentions_messenger(text: str) -> bool:
    """Whether the text points to a messenger (WhatsApp, Telegram, «в личку»)."""
    return _MESSENGER_RE.search(text) is not None
