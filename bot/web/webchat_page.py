"""What the web chat page needs from the content: its words in every language, a first screen.

Every language goes into the page so that choosing one redraws the header and the text box at
once, without a reload; every word still comes from dialogues/*.yml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.engine.content.model import Content

TEXTS = (
    "title", "placeholder", "send", "offline", "operator", "too_long", "busy", "picture",
    "picture_sent",
)  # fmt: skip


def texts(content: Content, language: str) -> dict[str, str]:
    """The page's words in `language` (templates such as {limit} left for the page to fill)."""
    return {key: content.text(f"webchat_{key}", language) for key in TEXTS}


def intro(content: Content, language: str) -> list[dict[str, Any]]:
    """The first screen of a chat that has no messages yet: the language choice and the menu.

    Shown by the page only, not stored: pressing one of its buttons is the first message.
    """
    lines = (("choose_language", "language"), ("menu", "main"))
    return [
        {
            "id": 0,
            "direction": "out",
            "author": "bot",
            "text": content.text(text, language),
            "buttons": [
                {"title": b.title, "payload": b.payload} for b in content.menu(menu, language)
            ],
        }
        for text, menu in lines
    ]


def page_data(content: Content, language: str, limit: int) -> dict[str, Any]:
    """Everything the page script reads: words per language, the first screen, the limit."""
    return {
        "language": language,
        "default": content.languages.default,
        "limit": limit,
        "texts": {lang: texts(content, lang) for lang in content.languages.codes},
        "intro": {lang: intro(content, lang) for lang in content.languages.codes},
    }
