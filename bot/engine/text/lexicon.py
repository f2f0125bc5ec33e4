"""What the detector knows of one language: its words, endings and letters (a `Lexicon`).

Each language Sapar speaks has one, either a module in `lexicons/` (Kyrgyz, Russian) or data
in `dialogues/languages.yml` (`Lexicon.from_data`). Words are in folded form (ө→о, ү→у, ң→н,
ё→е for Cyrillic ones). Only words that belong to one language are listed: shared loans and
homographs carry no evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SCRIPTS = ("cyrillic", "latin")


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


def _expand(pattern: str) -> list[str]:
    """The literal endings an alternation of letters, [classes] and optional letters spells."""
    out: list[str] = []
    for alternative in pattern.split("|"):
        variants, pos = [""], 0
        while pos < len(alternative):
            if alternative[pos] == "[":
                close = alternative.index("]", pos)
                options, pos = list(alternative[pos + 1 : close]), close + 1
            else:
                options, pos = [alternative[pos]], pos + 1
            if alternative[pos : pos + 1] == "?":
                options, pos = [*options, ""], pos + 1
            variants = [v + o for v in variants for o in options]
        out.extend(variants)
    return out


def endings(table: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Ending → the highest weight any (pattern, weight) gives it (a dict look-up, not regexes)."""
    out: dict[str, float] = {}
    for pattern, weight in table:
        for ending in _expand(pattern):
            out[ending] = max(weight, out.get(ending, 0.0))
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's evidence for the detector."""

    code: str
    words: frozenset[str]
    endings: Mapping[str, float] = field(default_factory=dict)  # weighed on unknown words
    letters: frozenset[str] = frozenset()  # letters only this language writes…
    letter_weight: float = 0.0  # …and what one of them in a word is worth
    clusters: tuple[str, ...] = ()  # letter groups typical of it (Kyrgyz long vowels)
    cluster_weight: float = 0.0
    script: str = "cyrillic"  # Latin-script words are matched as typed, not transliterated
    guess: bool = False  # the language of an unknown word in its script, and of a tie
    extra: Callable[[str, str], float] | None = None  # (raw, folded word) → more evidence

    @property
    def ending_max(self) -> int:
        return max(map(len, self.endings), default=0)

    @classmethod
    def from_data(cls, code: str, data: Mapping[str, Any]) -> Lexicon:
        """A lexicon written as data: words (a list or one string), endings {ending: weight}…"""
        script = str(data.get("script") or "cyrillic")
        if script not in SCRIPTS:
            raise ValueError(f"lexicon.script: one of {', '.join(SCRIPTS)}")
        given = data.get("words") or ()
        listed = given.split() if isinstance(given, str) else [str(w) for w in given]
        table = dict(data.get("endings") or {})
        return cls(
            code=code,
            words=frozenset(w.lower() for w in listed),
            endings=endings((str(e), float(w)) for e, w in table.items()),
            letters=frozenset(str(data.get("letters") or "")),
            letter_weight=float(data.get("letter_weight") or 0.0),
            script=script,
        )


# Common English words: Latin text made of these is not a transliteration of ky or ru.
EN_WORDS = words(
    """
    the and is are you i to of in it for on with this that hello hi how what job work please
    thanks thank yes no my me can do not have be we they will your a an good bad ok okay
    """
)
# Letters of Kazakh (and other Turkic Cyrillic alphabets) that Kyrgyz and Russian never write.
OTHER_LETTERS = frozenset("әғқұһі")
