"""What the engine says and knows, built from already-loaded YAML data (no I/O here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.engine.content.answers import Answer, parse_answers
from bot.engine.content.boxes import Box, parse_boxes
from bot.engine.content.languages import ContentError, Languages
from bot.engine.content.yes_no import parse_yes_no
from bot.engine.nlu.intent import Classifier
from bot.engine.offer.catalogue import Catalogue
from bot.engine.text.detector import Detection
from bot.engine.text.language import fold
from bot.engine.text.yesno import YesNoWords
from bot.types import Button

__all__ = ["Classifier", "Content", "ContentError", "Languages"]


@dataclass(frozen=True, slots=True)
class Content:
    """Published texts, menus and knowledge the dialogue draws on."""

    texts: Mapping[str, Mapping[str, str]]
    buttons: Mapping[str, Mapping[str, str]]
    menus: Mapping[str, tuple[str, ...]]
    languages: Languages
    hotlines: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    answers: Mapping[str, Answer] = field(default_factory=dict)
    offers: Catalogue | None = None
    language_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    classify: Classifier | None = None
    revision: str = "seed"
    boxes: tuple[Box, ...] = ()  # where a shared location is (knowledge/country_boxes.yml)
    yes_no_words: YesNoWords = field(default_factory=YesNoWords)  # dialogues/yes_no.yml

    def text(self, key: str, language: str, **values: object) -> str:
        """The text `key` in `language`, with its {placeholders} filled."""
        template = self.texts[key][language]
        return template.format(**values) if values else template

    def detect(self, text: str) -> Detection:
        """The language of `text` among the configured ones, or "other"."""
        return self.languages.detector.detect(text)

    def language_named(self, text: str) -> str | None:
        """The language a text asks for by name («по-кыргызски», «orusca»), if exactly one."""
        folded = fold(text)
        named = {
            lang for lang, stems in self.language_words.items() if any(s in folded for s in stems)
        }
        return named.pop() if len(named) == 1 else None

    def menu(self, name: str, language: str) -> tuple[Button, ...]:
        """The buttons of menu `name`, titled in `language`."""
        return tuple(
            Button(title=self.buttons[button][language], payload=button)
            for button in self.menus[name]
        )

    @classmethod
    def from_data(
        cls,
        dialogues: Mapping[str, Any],
        *,
        languages: Languages,
        hotlines: Mapping[str, Any] | None = None,
        answers: Mapping[str, Any] | None = None,
        offers: Catalogue | None = None,
        classify: Classifier | None = None,
        revision: str = "seed",
        boxes: Mapping[str, Any] | None = None,
    ) -> Content:
        """Check and freeze the dialogue data; raise ContentError naming what is wrong."""
        texts = _texts_map(dialogues.get("texts"), "texts", languages)
        buttons = _texts_map(dialogues.get("buttons"), "buttons", languages)
        menus: dict[str, tuple[str, ...]] = {}
        for name, items in dict(dialogues.get("menus") or {}).items():
            for item in items:
                if item not in buttons:
                    raise ContentError(f"menus.{name}: unknown button {item!r}")
            menus[str(name)] = tuple(str(i) for i in items)
        countries = dict((hotlines or {}).get("countries") or {})
        return cls(
            texts=texts,
            buttons=buttons,
            menus=menus,
            languages=languages,
            hotlines=countries,
            answers=parse_answers(answers, languages),
            offers=offers,
            language_words={
                str(lang): tuple(fold(str(w)) for w in words)
                for lang, words in dict(dialogues.get("language_words") or {}).items()
            },
            classify=classify,
            revision=revision,
            boxes=parse_boxes(boxes),
            yes_no_words=parse_yes_no(dict(dialogues.get("yes_no") or {}), languages),
        )


def _texts_map(section: Any, where: str, languages: Languages) -> dict[str, dict[str, str]]:
    if not isinstance(section, Mapping):
        raise ContentError(f"{where}: must be a mapping of id → {{{', '.join(languages.codes)}}}")
    return {str(k): languages.texts(v, f"{where}.{k}") for k, v in section.items()}
