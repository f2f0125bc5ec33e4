"""Which of Sapar's languages a page speaks: the browser's choice, else a configured default."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:
    from bot.engine.content.languages import Languages


def preferred_language(accept_language: str, codes: tuple[str, ...], default: str) -> str:
    """The first of `codes` the browser's Accept-Language names, else `default`."""
    for part in accept_language.lower().split(","):
        tag = part.split(";")[0].strip()[:2]
        if tag in codes:
            return tag
    return default


def staff_language(request: Request, languages: Languages) -> str:
    """The staff member's browser language if Sapar speaks it, else the staff's own."""
    header = request.headers.get("accept-language", "")
    return preferred_language(header, languages.codes, languages.staff)
