"""Negation and its scope: «никаких предоплат нет» is not a fee, «паспорт не отдают» is a sign.

A pattern match is *negated* when a negation cue governs it inside its clause — a word before
it («не», «без», «никаких»), a predicate after it («нет», «не требуется», «жок», «эмес»), or a
Kyrgyz negative verb form in it («албайбыз», «алынбайт», «калбайт») — and the pattern still
matches once the cue is taken away. That last test tells the two kinds of signs apart: a
pattern that needs the cue («без договора», «паспорт не отдают», «чыгууга болбойт») states
the risk itself and stays found; a pattern that matches without it was denied.
The cues are content (knowledge/indicators.yml, `negation`), matched on folded text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.engine.offer.patterns import Finder, fold_pattern
from bot.engine.offer.refs import CatalogueError
from bot.engine.offer.scope import (
    LIST,
    NOUN_CUES,
    OR_REACH,
    OR_WORDS,
    another_noun,
    governs_next,
    heard,
    list_after,
    listed,
    verb_reach,
)
from bot.engine.text.clauses import clauses
from bot.engine.text.language import fold
from bot.engine.text.phrases import phrase_at, phrase_regex

_TOKEN = re.compile(r"\w+")
PRE_WINDOW = 3  # a cue before the match governs at most this many words ahead
POST_WINDOW = 6  # «предоплат, комиссий и сборов нет»: a predicate ends a list
VERB_WINDOW = 3  # a Kyrgyz negative verb right after the match («виза менен иштөөгө болбойт»)


@dataclass(frozen=True, slots=True)
class Negation:
    """Negation cues (folded): words before, phrases after, negative verb endings, exceptions."""

    before: frozenset[str] = frozenset()
    after: tuple[tuple[str, ...], ...] = ()
    not_after: frozenset[str] = frozenset()  # «чтобы не потерялся» negates nothing of ours
    about: frozenset[str] = frozenset()  # «проблем не будет»: the predicate is theirs, not ours
    soft: frozenset[str] = frozenset()  # deny a match, but are not marked for the model
    self_holder: tuple[tuple[str, ...], ...] = ()  # «у вас», «өзүңүздө»: the worker keeps it
    verb: re.Pattern[str] | None = None  # Kyrgyz negative verb; group 1 is the positive stem
    warn: re.Pattern[str] | None = None  # a warning that quotes a sign («— это мошенники»)
    back: tuple[tuple[str, ...], ...] = ()  # «…, у нас такого нет»: reaches over a comma
    hearsay: tuple[tuple[str, ...], ...] = ()  # «Говорят, …» opens what someone else says
    rebuttal: tuple[tuple[str, ...], ...] = ()  # «— У нас нет.»: the next turn denies it

    @classmethod
    def from_data(cls, data: Any, where: str = "indicators.yml: negation") -> Negation:
        """Parse the `negation` section; an empty one turns negation off."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise CatalogueError(f"{where}: expected a mapping")

        def words(key: str) -> list[str]:
            value = data.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise CatalogueError(f"{where}.{key}: expected a list of words")
            return [fold(v).strip() for v in value if v.strip()]

        verb = data.get("verb")
        try:
            # Folded like a content pattern (ө→о …), not like text: «\\w» must stay Latin.
            source = fold_pattern(verb) if isinstance(verb, str) else ""
            compiled = re.compile(source) if source else None
        except re.error as exc:
            raise CatalogueError(f"{where}.verb: bad pattern: {exc}") from exc
        return cls(
            before=frozenset(words("before")),
            after=tuple(tuple(p.split()) for p in words("after")),
            not_after=frozenset(words("not_after")),
            about=frozenset(words("about")),
            soft=frozenset(words("soft")),
            self_holder=tuple(tuple(p.split()) for p in words("self")),
            verb=compiled,
            warn=phrase_regex(words("warn"), whole=True),
            back=tuple(tuple(p.split()) for p in words("back")),
            hearsay=tuple(tuple(p.split()) for p in words("hearsay")),
            rebuttal=tuple(tuple(p.split()) for p in words("rebuttal") + words("back")),
        )

    def fingerprint(self) -> str:
        """The cues in a stable order (a frozenset's order changes from process to process)."""
        parts = [sorted(self.before), sorted(self.after), sorted(self.not_after)]
        parts += [sorted(self.soft), sorted(self.self_holder), sorted(self.about)]
        parts += [[self.warn.pattern if self.warn else ""], sorted(self.back)]
        parts += [sorted(self.hearsay), sorted(self.rebuttal)]
        return repr((parts, self.verb.pattern if self.verb else None))

    @property
    def active(self) -> bool:
        return bool(self.before or self.after or self.verb)

    def warns(self, sentence: str) -> bool:
        """Whether a (folded) sentence warns about what it names rather than offering it."""
        if self.warn is None or "?" in sentence:
            return False  # «это мошенники?»: a question about the offer, not a warning
        return self.warn.search(sentence) is not None

    def heard(self, folded: str, start: int) -> bool:
        """Whether the (folded) text at `start` tells what the asker has heard (scope.heard)."""
        return heard(folded, start, self.hearsay, self.rebuttal)

    def takes_back(self, sentence: str) -> bool:
        """Whether a (folded) sentence ends by denying what it said («…, у нас такого нет»)."""
        words = [m.group() for m in _TOKEN.finditer(sentence)]
        return any(phrase_at(words, i, self.back) is not None for i in range(1, len(words)))

    def denied(self, matcher: Finder, folded: str, start: int, end: int) -> bool:
        """Whether the match folded[start:end] is negated in its clause (see the module doc)."""
        if not self.active:
            return False
        clause = next((c for c in clauses(folded) if c.start <= start < c.end), None)
        if clause is None:
            return False
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(folded, clause.start, clause.end)]
        first = next((i for i, (_, e) in enumerate(tokens) if e > start), None)
        last = max((i for i, (s, _) in enumerate(tokens) if s < end), default=None)
        if first is None or last is None:
            return False
        ored = first > 0 and folded[tokens[first - 1][0] : tokens[first - 1][1]] in OR_WORDS
        for i, replacement in self._cues(folded, tokens, first, last):
            s, e = tokens[i]
            if (
                e <= start
                and "," in folded[e:start]
                and not (ored or listed(folded, start, end, e))
            ):
                continue  # «с объекта не выпускаем, связь с родными раз в месяц»: two statements
            changed = folded[clause.start : s] + replacement + folded[e : clause.end]
            # Where the match now lies: text before the cue keeps its place, after it shifts.
            delta = (e - s) - len(replacement)
            lo = start - clause.start - (delta if e <= start else 0)
            hi = end - clause.start - (delta if s < end else 0)
            if any(m.start() < hi and lo < m.end() for m in matcher.finditer(changed)):
                return True  # the same statement, without its cue: the cue denied it
        return False

    def _cues(
        self, folded: str, tokens: Sequence[tuple[int, int]], first: int, last: int
    ) -> list[tuple[int, str]]:
        """(token index, what to put instead) for every cue that can govern the match."""
        words = [folded[s:e] for s, e in tokens]
        found: list[tuple[int, str]] = []
        ored = first > 0 and words[first - 1] in OR_WORDS
        for i in range(max(0, first - (OR_REACH if ored else PRE_WINDOW)), last + 1):
            if words[i] in self.before and not (i and words[i - 1] in self.not_after):
                if i < first and self._spent(words[i + 1 : first]):
                    continue  # «эч ким сурабайт паспортту … бересиз»: nobody asks, it goes
                found.append((i, ""))
        for i in range(first, verb_reach(words, last, VERB_WINDOW)):
            if self.verb is not None and (m := self.verb.fullmatch(words[i])):
                between = folded[tokens[last][1] : tokens[i][0]] if i > last else ""
                if "," in between and not LIST.search(between):
                    break  # «паспортту кожоюн алат, үйдөн чыкпайсыз»: another statement's verb
                if m.group(1) == "бол" and i - 1 > last and words[i - 1] in self.about:
                    continue  # «… кайра киресиң эч нерсе болбойт»: nothing happens (not
                    # «айлыктан эч нерсе кармалбайт», which denies the deduction)
                found.append((i, m.group(1)))
        for i in range(last + 1, min(len(words), last + 1 + POST_WINDOW)):
            if phrase_at(words, i, self.back) is not None:
                found.append((i, ""))
                continue
            cue = phrase_at(words, i, self.after)
            if cue is None:
                continue
            if i - 1 > last and words[i - 1] in self.about:
                continue  # «паспорт сдаешь бригадиру патент не нужен»: the patent is not needed
            if governs_next(folded, tokens, i, cue, self.about):
                continue  # «виза туристическая не нужно разрешение»: the permit is not needed
            between = folded[tokens[last][1] : tokens[i][0]]
            if cue in NOUN_CUES and another_noun(words[last + 1 : i], between):
                continue  # «паспорттор бригадирде турат ал жактан чыгуу жок»: the going out
            listed = first == last and list_after(between)
            if "," in between and not LIST.search(between) and not listed:
                break  # «12-13 саат, жекшемби жок»: the «жок» is another statement's
            found.append((i, ""))
        return found

    def _spent(self, between: Sequence[str]) -> bool:
        """Whether a cue's own negative verb stands between it and the match: the cue is
        spent there («эч ким сурабайт» — nobody asks) and does not reach further."""
        return self.verb is not None and any(self.verb.fullmatch(w) for w in between)
