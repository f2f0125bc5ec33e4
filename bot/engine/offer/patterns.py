"""Content patterns of the offer check: validated, folded and compiled for speed.

Content staff write these regular expressions (knowledge/indicators.yml); this module refuses
the ones that would be slow on a long text or could never match folded text, and compiles the
rest so that a scan stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from bot.engine.offer.refs import CatalogueError
from bot.engine.text.language import fold

_KY_FOLD = str.maketrans({"ө": "о", "ү": "у", "ң": "н", "ё": "е", "Ө": "о", "Ү": "у", "Ң": "н"})
# An unbounded wildcard can scan a 100 KB text from every start: refuse it, ask for {0,n}.
_UNBOUNDED = re.compile(r"(?<!\\)(?:\.|\])[*+]")
# A branch that starts with an unbounded class («\\d+ мест») is tried from every digit of a
# long number: quadratic. Such a start must be bounded («\\d{1,4} мест»).
_UNBOUNDED_START = re.compile(r"^(?:\\b)?(?:\\[dwsDWS]|\[[^\]]*\]|\.)[*+]")
_LATIN = re.compile(r"[a-z]")
_ESCAPES = re.compile(r"\\[a-zA-Z]|\(\?[a-zA-Z<=!:P]+|\{[^}]*\}")
# What a Latin-script pattern keeps as written: escapes and group syntax, (?: (?= (?P<name> …
_SYNTAX = re.compile(r"(\\.|\(\?(?:[:=!]|<[=!]|P<\w+>|P=\w+\)|[aiLmsux-]+[):]))")


class Found(Protocol):
    """Where something was found: a regex match, or a concept combination's hit."""

    def start(self) -> int: ...
    def end(self) -> int: ...


class Finder(Protocol):
    """A content pattern or a concept combination: what the matching code can scan with."""

    def finditer(self, text: str) -> Iterator[Found]: ...


@dataclass(frozen=True, slots=True)
class Matcher:
    """A compiled content pattern.

    A leading word boundary (\\b) stops Python's regex engine from skipping ahead to the first
    letter it needs, which made every pattern 2-4 times slower; it is therefore stripped at
    compile time and checked here on each match instead.
    """

    regex: re.Pattern[str]
    word_start: bool

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, as `re.finditer` would give for the original pattern."""
        pos = 0
        while pos <= len(text):
            m = self.regex.search(text, pos)
            if m is None:
                return
            start = m.start()
            if self.word_start and not _at_boundary(text, start):
                pos = start + 1
                continue
            yield m
            pos = m.end() if m.end() > start else start + 1

    def search(self, text: str) -> re.Match[str] | None:
        """The first match, or None."""
        return next(self.finditer(text), None)


def _at_boundary(text: str, index: int) -> bool:
    before = index > 0 and (text[index - 1].isalnum() or text[index - 1] == "_")
    here = index < len(text) and (text[index].isalnum() or text[index] == "_")
    return before != here


def _branches(source: str) -> list[str]:
    """The top-level alternatives of a regex source."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


def fold_pattern(source: str) -> str:
    """A content pattern folded as the text it is matched on is (ө→о, lower case)."""
    return source.translate(_KY_FOLD).lower()


def _folded_latin(source: str) -> str:
    """A Latin-script pattern as folded text spells it: letters transliterated, escapes kept."""
    parts = _SYNTAX.split(source)
    return "".join(part if _SYNTAX.fullmatch(part) else fold(part) for part in parts)


def compile_pattern(source: Any, where: str, script: str = "cyrillic") -> Matcher:
    """Compile one content pattern written in its language's `script`, folded as offers are;
    refuse what can never match."""
    if not isinstance(source, str) or not source:
        raise CatalogueError(f"{where}: a pattern must be a non-empty string")
    if _UNBOUNDED.search(source):
        raise CatalogueError(f"{where}: unbounded .* or [..]* in {source!r}; use {{0,60}}")
    if script == "latin":
        source = _folded_latin(source)
    elif _LATIN.search(_ESCAPES.sub("", source)):
        raise CatalogueError(f"{where}: Latin letters never match folded text in {source!r}")
    text = fold_pattern(source)
    branches = _branches(text)
    if any(_UNBOUNDED_START.match(b) for b in branches):
        raise CatalogueError(f"{where}: {source!r} starts with an unbounded repeat; use {{1,n}}")
    try:
        re.compile(text)
        if all(b.startswith("\\b") for b in branches):
            return Matcher(re.compile("|".join(b[2:] for b in branches)), word_start=True)
        return Matcher(re.compile(text), word_start=False)
    except re.error as exc:
        raise CatalogueError(f"{where}: bad pattern {source!r}: {exc}") from exc
