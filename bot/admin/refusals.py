"""Why the admin refused an edit, in the editor's words: `admin_*` texts from dialogues/web.yml.

The checks that refuse content (bot.engine, bot.services.content) name the place in English
for developers; here each known kind of problem is retold in the editor's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:
    from bot.admin.state import Admin

_LANG = r"(?P<lang>[a-z]{2,3})"  # a language code (dialogues/languages.yml)
# (pattern over one problem line, text key); the first that matches retells the line.
KNOWN = (
    (rf"^(?P<where>.+)\.{_LANG}: (?:missing or empty text|the text is empty or missing)$", "empty"),
    (rf"^(?P<where>.+): missing the {_LANG} text$", "empty"),
    (rf"^(?P<where>.+) lacks {_LANG}(?:, [a-z]{{2,3}})*$", "empty"),
    (r"^(?P<where>.+): unbounded (?P<detail>.+)$", "unbounded_pattern"),
    (r"^(?P<where>.+): bad pattern (?P<detail>.+)$", "bad_pattern"),
    (r"^(?P<where>.+\.severity): one of (?P<detail>.+)$", "bad_severity"),
    (r"^(?P<where>.+)\.checked: .+$", "no_checked"),
    (r"^(?P<where>[^ ]+): (?P<detail>.+)$", "other_problem"),
)
PATTERNS = tuple((re.compile(pattern), key) for pattern, key in KNOWN)


class Refusals:
    """The words of one refusal, in one editor's language."""

    def __init__(self, admin: Admin, request: Request) -> None:
        self.say = admin.words(request)

    def language(self, lang: str) -> str:
        """The language's name in the editor's words (its code when it has none)."""
        return self.say.label("language", lang)

    def empty(self, field: str, lang: str) -> str:
        return self.say("empty", field=field, in_language=self.language(lang))

    def too_long(self, field: str, lang: str, limit: int) -> str:
        return self.say("too_long", field=field, in_language=self.language(lang), limit=limit)

    def over_long(self, data: object, limit: int, where: str = "") -> list[str]:
        """A refusal line for every text in `data` longer than `limit` characters."""
        if isinstance(data, str):
            return [self.say("too_long_at", where=where, limit=limit)] if len(data) > limit else []
        if isinstance(data, dict):
            items: Iterable[tuple[object, object]] = data.items()
        elif isinstance(data, list):
            items = enumerate(data)
        else:
            return []
        return [p for k, v in items for p in self.over_long(v, limit, f"{where}.{k}".strip("."))]

    def message(self, problems: Iterable[str]) -> str:
        """The refusal as shown in the form: a headline, then one line per problem."""
        return "\n".join((self.say("refused"), *(f"• {p}" for p in problems)))

    def retold(self, error: Exception) -> str:
        """A refused revision's problems retold line by line."""
        return self.message(self._line(line) for line in str(error).splitlines() if line.strip())

    def _line(self, line: str) -> str:
        for pattern, key in PATTERNS:
            found = pattern.match(line)
            if found is None:
                continue
            parts = found.groupdict()
            if key == "empty":
                return self.empty(parts["where"], parts["lang"])
            return self.say(key, where=parts["where"], detail=parts.get("detail", ""))
        return self.say("other_problem", where="—", detail=line)
