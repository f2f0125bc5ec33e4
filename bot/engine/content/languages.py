"""The languages Sapar speaks (`dialogues/languages.yml`) and the one rule on texts.

The rule: a text is a mapping from language codes to strings, and it exists, non-empty, in
every language listed. Everything that reads or checks content asks `Languages` for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.engine.text.detector import Detector
from bot.engine.text.lexicon import Lexicon
from bot.engine.text.lexicons import BUILT_IN

DOCUMENT = "dialogues/languages.yml"
_CODE = re.compile(r"[a-z]{2,3}")


class ContentError(ValueError):
    """Content is broken; the message names the file part, item and field."""


@dataclass(frozen=True, slots=True)
class Languages:
    """The configured languages in order (the first is a new chat's), and their detector."""

    codes: tuple[str, ...]
    labels: Mapping[str, str]  # each language's name in the admin's column headings
    staff: str  # the console's and the admin's language when the browser names none
    detector: Detector

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def scripts(self) -> dict[str, str]:
        """Each language and the script it is written in (its offer patterns too)."""
        return {lexicon.code: lexicon.script for lexicon in self.detector.lexicons}

    def is_text(self, value: Any) -> bool:
        """Whether `value` is one text: language codes to strings (or to nothing yet)."""
        return (
            isinstance(value, Mapping)
            and bool(set(self.codes) & set(value))
            and all(isinstance(v, str | None) for v in value.values())
        )

    def missing(self, value: Mapping[str, Any]) -> list[str]:
        """The languages in which the text `value` is empty or absent."""
        return [lang for lang in self.codes if not str(value.get(lang) or "").strip()]

    def check_below(self, value: Any, where: str) -> None:
        """Every text anywhere below `value` is non-empty in each language, or a ContentError."""
        if isinstance(value, Mapping):
            if self.is_text(value):
                for lang in self.missing(value):
                    raise ContentError(f"{where}.{lang}: the text is empty or missing")
                return
            for key, item in value.items():
                self.check_below(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.check_below(item, f"{where}[{i}]")

    def texts(self, value: Any, where: str) -> dict[str, str]:
        """{language: text} in every language, each non-empty, or a ContentError at `where`."""
        if not isinstance(value, Mapping):
            raise ContentError(f"{where}: must have {' and '.join(self.codes)} texts")
        for lang in self.codes:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise ContentError(f"{where}.{lang}: missing or empty text")
        return {lang: str(value[lang]) for lang in self.codes}

    @classmethod
    def from_data(cls, data: Any) -> Languages:
        """Read the languages document; a language's lexicon is its module or given as data."""
        entries = data.get("languages") if isinstance(data, Mapping) else None
        if not isinstance(entries, list) or not entries:
            raise ContentError(f"{DOCUMENT}: languages: a list of at least one language")
        codes: list[str] = []
        labels: dict[str, str] = {}
        lexicons: list[Lexicon] = []
        for i, entry in enumerate(entries):
            where = f"{DOCUMENT}: languages[{i}]"
            code = str(entry.get("code") or "") if isinstance(entry, Mapping) else ""
            if not _CODE.fullmatch(code) or code in codes:
                raise ContentError(f"{where}.code: a new code of two or three small letters")
            codes.append(code)
            labels[code] = str(entry.get("label") or code)
            lexicons.append(_lexicon(code, entry.get("lexicon"), where))
        staff = str(data.get("staff") or codes[0])
        if staff not in codes:
            raise ContentError(f"{DOCUMENT}: staff: one of {', '.join(codes)}")
        return cls(tuple(codes), labels, staff, Detector(tuple(lexicons)))


def _lexicon(code: str, data: Any, where: str) -> Lexicon:
    if data is None:
        if code not in BUILT_IN:
            raise ContentError(f"{where}.lexicon: needed (no bot/engine/text/lexicons/{code}.py)")
        return BUILT_IN[code]
    if not isinstance(data, Mapping):
        raise ContentError(f"{where}.lexicon: words, endings, letters, script")
    try:
        return Lexicon.from_data(code, data)
    except (TypeError, ValueError) as exc:
        raise ContentError(f"{where}.{exc}") from exc
