"""The words typed for yes, no and "I don't know": a `yes_no:` group of lists per language.

`dialogues/yes_no.yml` holds them; any dialogues file may hold a language's group (a new
language's words can come with its other texts). Every configured language needs one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.engine.content.languages import ContentError, Languages
from bot.engine.text.yesno import YesNoWords, words_of

DOCUMENT = "dialogues/yes_no.yml"
LISTS = ("affirm", "deny", "turns", "dont_know", "deny_alone")
REQUIRED = LISTS[:4]
NOT_EMPTY = ("affirm", "deny")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, inner hyphens: no emoji, no digits
_OPPOSITE = {"affirm": ("deny", "deny_alone"), "deny": ("affirm",), "deny_alone": ("affirm",)}
_BOOL = ' (YAML reads a bare yes, no, on, off as true/false: write "no")'


def parse_yes_no(sections: Mapping[str, Any], languages: Languages) -> YesNoWords:
    """Check each file's `yes_no` section (`sections`: by file name) and join the languages."""
    found: dict[str, set[str]] = {kind: set() for kind in LISTS}
    place: dict[str, str] = {}  # language → the file with its group
    for name, section in sections.items():
        if not isinstance(section, Mapping):
            raise ContentError(f"{name}: yes_no: a group of lists for each language")
        for lang, group in section.items():
            where = f"{name}: yes_no.{lang}"
            if lang not in languages.codes:
                raise ContentError(f"{where}: not a language of {', '.join(languages.codes)}")
            if lang in place:
                raise ContentError(f"{where}: defined twice (also in {place[lang]})")
            place[lang] = name
            for kind, words in _group(group, where).items():
                _add(found, kind, words, f"{where}.{kind}")
    for lang in languages.codes:
        if lang not in place:
            raise ContentError(f"{DOCUMENT}: yes_no.{lang}: missing ({', '.join(REQUIRED)})")
    return YesNoWords(**{kind: frozenset(words) for kind, words in found.items()})


def _group(group: Any, where: str) -> dict[str, set[str]]:
    """One language's lists, each word folded; every list named in REQUIRED is there."""
    if not isinstance(group, Mapping):
        raise ContentError(f"{where}: lists of words: {', '.join(LISTS)}")
    for kind in group:
        if kind not in LISTS:
            hint = _BOOL if isinstance(kind, bool) else ""
            raise ContentError(f"{where}.{kind}: unknown list (one of {', '.join(LISTS)}){hint}")
    for kind in REQUIRED:
        if kind not in group:
            raise ContentError(f"{where}.{kind}: missing (a list of words; [] for none)")
    return {str(kind): _words(words, f"{where}.{kind}", str(kind)) for kind, words in group.items()}


def _words(value: Any, where: str, kind: str) -> set[str]:
    """The folded words (for dont_know, phrases) of one list."""
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        quote = isinstance(value, list) and any(isinstance(word, bool) for word in value)
        raise ContentError(f"{where}: a list of words{_BOOL if quote else ''}")
    if not value and kind in NOT_EMPTY:
        raise ContentError(f"{where}: at least one word")
    folded: set[str] = set()
    for word in value:
        said = words_of(word)
        if not said or not all(_WORD.fullmatch(w) for w in said):
            raise ContentError(f"{where}: {word!r} is not a word of letters")
        if len(said) > 1 and kind != "dont_know":
            raise ContentError(f"{where}: {word!r}: one word (only the first word is read)")
        folded.add(" ".join(said))
    return folded


def _add(found: dict[str, set[str]], kind: str, words: set[str], where: str) -> None:
    """Join a list to every language's; a word both a yes and a no is an error."""
    clash = sorted(w for w in words if any(w in found[k] for k in _OPPOSITE.get(kind, ())))
    if clash:
        raise ContentError(f"{where}: {', '.join(clash)}: both a yes and a no")
    found[kind] |= words
