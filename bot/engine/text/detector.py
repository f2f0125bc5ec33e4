"""Which language a text is in, among any number of lexicons, weighed word by word.

Evidence per word: a listed word, letters only one language writes, letter groups (Kyrgyz
long vowels), endings of unknown longer words, and a lexicon's own rule. Latin words are
transliterated for Cyrillic-script lexicons, so «pasportumdu berbey jatat» counts as Kyrgyz,
and matched as typed for Latin-script ones. No training data; microseconds a message.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.text.lexicon import EN_WORDS, OTHER_LETTERS, Lexicon
from bot.engine.text.normal import normalize
from bot.engine.text.translit import CHAR, lower_chars, translit_chars

OTHER = "other"
MAXCHARS = 4000  # a long paste is decided by its beginning; keeps 100 KB inputs fast
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_FOLD_TABLE = str.maketrans("өүңёқғұәіһ", "оунекгуаих")


@dataclass(frozen=True, slots=True)
class Detection:
    """The language of a text (a code, or "other") and how sure the detector is (0..1)."""

    language: str
    confidence: float


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _in_script(char: str, script: str) -> bool:
    return _is_cyrillic(char) if script == "cyrillic" else char.isascii() and char.isalpha()


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


@dataclass(frozen=True, slots=True)
class Detector:
    """Detection among `lexicons`, listed in the order their languages are configured."""

    lexicons: tuple[Lexicon, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lexicon.code for lexicon in self.lexicons)

    def only(self, languages: Sequence[str]) -> Detector:
        """The same detector restricted to `languages` (in their order)."""
        by_code = {lexicon.code: lexicon for lexicon in self.lexicons}
        return Detector(tuple(by_code[code] for code in languages if code in by_code))

    def _word(self, lexicons: Sequence[Lexicon], raw: str, known: bool) -> list[float]:
        """Each lexicon's evidence for one word in its script (`raw` keeps ө/ү/ң)."""
        word = raw.translate(_FOLD_TABLE) if lexicons[0].script == "cyrillic" else raw
        out = []
        for lex in lexicons:
            score = 2.0 if word in lex.words or _squeeze(word) in lex.words else 0.0
            if lex.letters and any(c in lex.letters for c in raw):
                score += lex.letter_weight
            if any(cluster in raw for cluster in lex.clusters):
                score += lex.cluster_weight
            if len(word) >= 4 and not known and lex.endings:
                tails = [word[-k:] for k in range(1, min(len(word), lex.ending_max) + 1)]
                score += max(lex.endings.get(t, 0.0) for t in tails)
            if lex.extra is not None:
                score += lex.extra(raw, word)
            out.append(score)
        return out

    def _known(self, token: str, lexicons: Sequence[Lexicon]) -> bool:
        word = token.translate(_FOLD_TABLE) if lexicons[0].script == "cyrillic" else token
        return any(word in lex.words or _squeeze(word) in lex.words for lex in lexicons)

    def scores(self, text: str) -> tuple[dict[str, float], float, int]:
        """Summed evidence per language, the evidence for another language, words looked at."""
        found = dict.fromkeys(self.languages, 0.0)
        other, count = 0.0, 0
        latin = [lex for lex in self.lexicons if lex.script == "latin"]
        cyrillic = [lex for lex in self.lexicons if lex.script == "cyrillic"]
        for token in _WORD.findall(text):
            count += 1
            if token in EN_WORDS:
                other += 1.5
                continue
            if any(c in OTHER_LETTERS for c in token):
                other += 2.0
                continue
            pairs: list[tuple[list[Lexicon], str]] = []
            if latin and token.isascii():
                pairs.append((latin, token))
            if token.isascii() or not all(_is_cyrillic(c) for c in token):
                token = "".join(map(CHAR, translit_chars(lower_chars(token))))
                if not all(_is_cyrillic(c) or c in "'’ʼ`" for c in token):
                    token = ""  # Arabic, Chinese, unmapped Latin letters…
            if token and cyrillic:
                pairs.append((cyrillic, token))
            if not pairs:
                other += 1.0
                continue
            known = any(self._known(form, group) for group, form in pairs)
            for group, form in pairs:
                for lex, score in zip(group, self._word(group, form, known), strict=True):
                    found[lex.code] += score
        return found, other, count

    def detect(self, text: str) -> Detection:
        """Tell which language `text` is in, or "other" (also for one word)."""
        found, other, count = self.scores(normalize(text[: MAXCHARS * 2])[:MAXCHARS])
        total = sum(found.values())
        if count == 0 or (other >= total and other > 0):
            return Detection(OTHER, 1.0 if count == 0 else round(other / (other + total), 3))
        if total == 0.0:
            for lex in self.lexicons:
                if lex.guess and any(_in_script(c, lex.script) for c in text[:MAXCHARS]):
                    return Detection(lex.code, 0.5)
            return Detection(OTHER, 0.5)
        return self._decide(found, count)

    def _decide(self, found: dict[str, float], count: int) -> Detection:
        """The best-scoring language; a tie goes to the guessing lexicon, else the first listed."""
        top = max(found.values())
        tied = [lex.code for lex in self.lexicons if found[lex.code] == top]
        guesses = [lex.code for lex in self.lexicons if lex.guess and lex.code in tied]
        best = (guesses or tied)[0]
        rest = [code for code in self.languages if code != best]
        if not rest:
            return Detection(best, 1.0)
        runner = max(rest, key=lambda code: found[code])
        first, second = sorted((best, runner), key=self.languages.index)
        margin = (found[first] - found[second]) / math.sqrt(max(count, 1))
        p_first = 1.0 / (1.0 + math.exp(-1.5 * margin))
        return Detection(best, round(max(p_first, 1.0 - p_first), 3))
