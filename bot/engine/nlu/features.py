"""Text → classifier input: one matching key for every spelling, plus synonym/lookup/regex marks."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.engine.nlu.data import NluData
from bot.engine.text.language import fold, normalize

MAX_CLASSIFIED_CHARS = 1500  # the intent of a long paste shows in its beginning
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
# One pass, links first, so that the digits of a link are never taken for a phone number.
_KINDS = re.compile(
    r"(?P<link>https?://\S+|www\.\S+|t\.me/\S+)|(?P<handle>(?<!\w)@\w{4,})"
    r"|(?P<phone>\+?\d[\d\s()-]{7,}\d)",
    re.IGNORECASE,
)
# Digit-only sentinels survive folding untouched; any other number becomes "_num".
_SENTINELS = {"link": " 90001 ", "handle": " 90002 ", "phone": " 90003 "}
_MARKS = {"90001": "_link", "90002": "_handle", "90003": "_phone"}


@dataclass(frozen=True, slots=True)
class Featurizer:
    """Turns raw text into the string the vectorizers see; built from the training data."""

    synonyms: Mapping[str, str] = field(default_factory=dict)  # folded word → folded value
    lookups: Mapping[str, frozenset[str]] = field(default_factory=dict)  # name → folded words
    regexes: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: NluData) -> Featurizer:
        """Fold synonyms and lookups once, compile regexes once."""
        synonyms = {fold(k).strip(): fold(v).strip() for k, v in data.synonyms.items()}
        lookups = {
            name: frozenset(fold(v).strip() for v in values)
            for name, values in data.lookups.items()
        }
        regexes = {
            name: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
            for name, patterns in data.regexes.items()
        }
        return cls(synonyms, lookups, regexes)

    def __call__(self, text: str) -> str:
        """The folded, synonym-replaced text followed by marker tokens (`_lookup_country`)."""
        text = normalize(text[:MAX_CLASSIFIED_CHARS])
        # Links, handles, phones and numbers: their kind matters to the intent, not their value.
        text = _KINDS.sub(lambda m: _SENTINELS[m.lastgroup or "link"], text)
        words = [self._word(w) for w in _WORDS.findall(fold(text))]
        marks = [f"_lookup_{name}" for name, vals in self.lookups.items() if vals & set(words)]
        joined = " ".join(words)
        marks += [
            f"_regex_{name}"
            for name, pats in self.regexes.items()
            if any(p.search(text) for p in pats)
        ]
        return " ".join([joined, *marks]).strip()

    def _word(self, word: str) -> str:
        if word.isdigit():
            return _MARKS.get(word, "_num")
        return self.synonyms.get(word, word)
