"""A clause as the offer model reads it: folded words reduced to lemmas/stems, negation marked.

Russian words are reduced to their dictionary form with pymorphy3 (its dictionaries ship in
the wheel: nothing is downloaded); other words — Kyrgyz, however typed — are stemmed by the
suffix stripper. A word inside a negation's scope gets the prefix «не_», so that «паспорт
не забираем» and «паспорт забираем» look different to the model.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.engine.offer.negation import PRE_WINDOW, Negation
from bot.engine.text.ky_stem import stem
from bot.engine.text.language import fold
from bot.engine.text.morph import morph
from bot.engine.text.phrases import phrase_at

_WORD = re.compile(r"[^\W\d_]+|\d+")


@lru_cache(maxsize=131072)
def lemma(word: str) -> str:
    """The Russian dictionary form of a known Russian word, else the Kyrgyz stem."""
    if word.isdigit():
        return "_num"
    if len(word) > 2:
        parse = morph().parse(word)[0]
        if parse.is_known:
            return str(parse.normal_form).replace("ё", "е")
    return stem(word)


def clause_text(raw: str, negation: Negation) -> str:
    """The featurized clause: lemmas, with «не_» on the words a cue governs."""
    words = _WORD.findall(fold(raw))
    out: list[str] = []
    scope = 0
    skip = 0
    for i, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        holder = phrase_at(words, i, negation.self_holder)
        if holder is not None:
            out.append("_self")
            skip = len(holder) - 1
            continue
        if word in negation.soft:
            out.append(lemma(word))
            continue
        if phrase_at(words, i, negation.after) is not None:
            # A predicate denies what came before it in the clause («предоплаты нет»).
            tail = out[-PRE_WINDOW:]
            out[-PRE_WINDOW:] = [w if w.startswith(("не_", "_")) else "не_" + w for w in tail]
            scope = PRE_WINDOW if word in negation.before else 0  # «нет» also governs ahead
            out.append("_neg")
            continue
        if word in negation.before and not (i and words[i - 1] in negation.not_after):
            scope = PRE_WINDOW
            out.append("_neg")
            continue
        if negation.verb is not None and (m := negation.verb.fullmatch(word)):
            out.append("не_" + lemma(m.group(1)))
            continue
        out.append(("не_" if scope else "") + lemma(word))
        scope = max(0, scope - 1)
    return " ".join(out)
