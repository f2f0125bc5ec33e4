"""An offer cut into clauses: the unit in which a warning sign and its negation are read.

A sentence ends at . ! ? ; or a line break; a clause also ends before a contrast («, но»,
«, а», «однако», «бирок», «but»), so that «предоплаты нет, но паспорт сдаёте бригадиру»
is read as two statements with their own polarity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CLAUSE = 400  # a run-on paste without punctuation is read in bounded pieces
_BREAK = re.compile(
    r"[.!?;\n•▪►✅❌✔☑⚠➡🔹🔸📌]+"
    r"|,?\s+(?=(?:но|а|однако|зато|бирок|но и|but)\s)"
    r"|\s[-–—]\s",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause's place in the text it was cut from."""

    start: int
    end: int


def clauses(text: str) -> list[Clause]:
    """Clauses of `text` (offsets into it), without empty ones, each at most MAX_CLAUSE long."""
    out: list[Clause] = []
    pos = 0
    for m in _BREAK.finditer(text):
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Clause], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_CLAUSE:
        cut = text.rfind(" ", start, start + MAX_CLAUSE)
        cut = cut if cut > start else start + MAX_CLAUSE
        out.append(Clause(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Clause(start, end))


# A number's thousands written apart («8 000», «150 000») and a sign or unit stuck to it.
_NUMBER_TAIL = re.compile(r"(?:[ \u00a0\u202f]\d{3}(?!\d))*[$€₽%]?")


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words, so a quote never stops inside «800$» or «8 000»."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "$€₽%"):
        end += 1
    if end > start and text[end - 1].isdigit():
        tail = _NUMBER_TAIL.match(text, end)
        end = tail.end() if tail else end
    return start, end
