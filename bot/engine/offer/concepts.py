"""Signs as concepts: an indicator is found where every concept of one combination is named
in the same clause, in any order («паспорт» × «сдаёте» × «бригадиру»).

Content staff write concepts as plain words, not regular expressions (knowledge/indicators.yml,
`concepts`): each term is the start of a word, folded like the offer (Latin → Cyrillic,
ө → о …), so «паспорт» also finds «паспортуңузду» and «pasportu». A term ending in «=» is a
whole word («нас=» is not «наследство»). A combination is a list of concept names under an
indicator's `combinations`; the evidence quoted is the clause from its first to its last term.
A name written «any:NAME» may stand anywhere in the offer, not only in the clause: a scam
compound is an online job in one line and Cambodia in another («online_job + any:se_asia»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.offer.refs import CatalogueError
from bot.engine.text.clauses import clauses
from bot.engine.text.language import fold

_WORD_TAIL = r"\w{0,14}"
MIN_STEM = 4  # a shorter word inside a term is a word of its own, not the start of one
# Terms of one combination must stand this close (in a run-on paste a clause is long).
WINDOW = 90
# Concepts no word list can name: an amount of money, a working day of 12 hours or more.
BUILTIN = {
    "@money": r"\d[\d\s.,]{0,9}\s?(?:\$|€|£|₽|₸|долл|доллар|бакс|усд|евро|еуро|руб|р\.|сом|"
    r"тенге|тг|вон|дирх|дирхам|аед|фунт|злот|крон|лир|йен|иен|юан|бат|шекел)",
    "@long_hours": r"(?:1[2-9]|2[0-4])(?:\s?[–-]\s?\d{1,2})?\s?(?:час|саат|ч(?!\w)|сагат)",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a combination was found: shaped like a regex match for the matching code."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


@dataclass(frozen=True, slots=True)
class Concept:
    """A named set of terms; `regex` finds any of them at a word start."""

    name: str
    regex: re.Pattern[str]


ANYWHERE = "any:"


@dataclass(frozen=True, slots=True)
class Combination:
    """Concepts that together state a sign when they share a clause (`anywhere`: the offer)."""

    concepts: tuple[Concept, ...]
    anywhere: tuple[Concept, ...] = ()

    def finditer(self, text: str) -> Iterator[Hit]:
        """One hit per clause of `text` (folded) naming every concept within WINDOW."""
        first, *others = self.concepts
        for clause in clauses(text):
            for anchor in first.regex.finditer(text, clause.start, clause.end):
                lo, hi = max(clause.start, anchor.start() - WINDOW), anchor.end() + WINDOW
                spans = [(anchor.start(), anchor.end())]
                for concept in others:
                    near = concept.regex.search(text, lo, min(hi, clause.end))
                    if near is None:
                        break
                    spans.append((near.start(), near.end()))
                else:
                    yield Hit(min(s for s, _ in spans), max(e for _, e in spans))
                    break

    def search(self, text: str) -> Hit | None:
        return next(self.finditer(text), None)


def _term(term: str) -> str:
    """A term's regex: each word a word start («разрешени на трудоустройств» finds
    «разрешение на трудоустройство»); a short word («на», «не», «в») only itself."""
    whole = term.endswith("=")
    words = fold(term.rstrip("=")).split()
    inner = [re.escape(w) + (_WORD_TAIL if len(w) >= MIN_STEM else "") for w in words[:-1]]
    last = re.escape(words[-1]) + (r"(?!\w)" if whole else _WORD_TAIL)
    return r"\s+".join([*inner, last])


def parse_concepts(data: Any, where: str) -> dict[str, Concept]:
    """The `concepts` section: name → list of terms."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{where}: expected a mapping of concept names to term lists")
    out = {name: Concept(name, re.compile(rf"(?<!\w){rx}")) for name, rx in BUILTIN.items()}
    for name, terms in data.items():
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) for t in terms):
            raise CatalogueError(f"{where}.{name}: expected a non-empty list of words")
        if any(not fold(t.rstrip("=")).strip() for t in terms):
            raise CatalogueError(f"{where}.{name}: an empty term")
        alternation = "|".join(sorted((_term(t) for t in terms), key=len, reverse=True))
        out[str(name)] = Concept(str(name), re.compile(rf"(?<!\w)(?:{alternation})"))
    return out


def parse_combinations(
    data: Any, concepts: Mapping[str, Concept], where: str
) -> tuple[Combination, ...]:
    """An indicator's `combinations`: lists of concept names defined in `concepts`."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise CatalogueError(f"{where}: expected a list of concept-name lists")
    out = []
    for i, names in enumerate(data):
        if not isinstance(names, list) or len(names) < 2:
            raise CatalogueError(f"{where}[{i}]: a combination needs two or more concepts")
        if not all(isinstance(n, str) for n in names):
            raise CatalogueError(f"{where}[{i}]: concept names are words")
        local = [n for n in names if not n.startswith(ANYWHERE)]
        anywhere = [n.removeprefix(ANYWHERE) for n in names if n.startswith(ANYWHERE)]
        unknown = [n for n in (*local, *anywhere) if n not in concepts]
        if unknown:
            raise CatalogueError(f"{where}[{i}]: unknown concepts {unknown}")
        if not local:
            raise CatalogueError(f"{where}[{i}]: at least one concept must be in the clause")
        out.append(
            Combination(tuple(concepts[n] for n in local), tuple(concepts[n] for n in anywhere))
        )
    return tuple(out)
