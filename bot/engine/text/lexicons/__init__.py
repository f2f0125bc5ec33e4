"""The lexicons written as code, one module per language; a language in data needs none.

A new one is a module here (a `LEXICON`) and one line below.
"""

from __future__ import annotations

from bot.engine.text.lexicon import Lexicon
from bot.engine.text.lexicons import ky, ru

BUILT_IN: dict[str, Lexicon] = {lexicon.code: lexicon for lexicon in (ky.LEXICON, ru.LEXICON)}
