"""Rasa 3 NLU training data (already-loaded YAML) → plain examples, synonyms, regexes, lookups."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

INTENTS = (
    "greet", "goodbye", "thanks", "help", "set_language", "check_offer", "check_agency",
    "documents", "legal_stay", "entry_ban", "unpaid_wages", "passport_taken", "emergency",
    "talk_to_operator", "return_home", "victim_assistance", "safe_migration_tips", "affirm",
    "deny", "forget", "cancel_operator", "out_of_scope",
)  # fmt: skip
OUT_OF_SCOPE = "out_of_scope"

# Rasa's inline entity annotation: [text](entity), [text](entity:value), [text]{"entity": …}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


class NluDataError(ValueError):
    """Training data is not in Rasa's NLU format; the message says where."""


@dataclass(frozen=True, slots=True)
class Example:
    """One training or test utterance, its intent and the language of the file it came from."""

    text: str
    intent: str
    language: str


@dataclass(frozen=True, slots=True)
class NluData:
    """Everything the classifier learns from."""

    examples: tuple[Example, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)  # variant (folded) → value
    regexes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lookups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def merged(self, other: NluData) -> NluData:
        """Both data sets together (one per language file)."""
        return NluData(
            self.examples + other.examples,
            {**self.synonyms, **other.synonyms},
            _merge_lists(self.regexes, other.regexes),
            _merge_lists(self.lookups, other.lookups),
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of examples per language and intent."""
        out: dict[str, dict[str, int]] = {}
        for ex in self.examples:
            per = out.setdefault(ex.language, {})
            per[ex.intent] = per.get(ex.intent, 0) + 1
        return out


def _merge_lists(
    a: Mapping[str, tuple[str, ...]], b: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    out = dict(a)
    for key, values in b.items():
        out[key] = out.get(key, ()) + values
    return out


def _items(block: Any, where: str) -> list[str]:
    """The `- item` lines of an `examples: |` block (or a YAML list)."""
    if isinstance(block, list):
        return [str(item).strip() for item in block if str(item).strip()]
    if not isinstance(block, str):
        raise NluDataError(f"{where}: examples must be a '- item' block")
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    for line in lines:
        if not line.startswith("- "):
            raise NluDataError(f"{where}: line {line!r} does not start with '- '")
    return [line[2:].strip() for line in lines if line[2:].strip()]


def parse_nlu(doc: Any, language: str, intents: Iterable[str] = INTENTS) -> NluData:
    """Turn one loaded Rasa NLU YAML document into `NluData`; raise NluDataError if malformed."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("nlu"), list):
        raise NluDataError(f"{language}: expected a mapping with an 'nlu:' list")
    known = set(intents)
    examples: list[Example] = []
    synonyms: dict[str, str] = {}
    regexes: dict[str, tuple[str, ...]] = {}
    lookups: dict[str, tuple[str, ...]] = {}
    for number, item in enumerate(doc["nlu"]):
        where = f"{language}: nlu[{number}]"
        if not isinstance(item, Mapping):
            raise NluDataError(f"{where}: expected a mapping")
        items = _items(item.get("examples"), where)
        if "intent" in item:
            intent = str(item["intent"])
            if intent not in known:
                raise NluDataError(f"{where}: unknown intent {intent!r}")
            examples.extend(Example(_ANNOTATION.sub(r"\1", t), intent, language) for t in items)
        elif "synonym" in item:
            synonyms.update({variant: str(item["synonym"]) for variant in items})
        elif "regex" in item:
            regexes[str(item["regex"])] = regexes.get(str(item["regex"]), ()) + tuple(items)
        elif "lookup" in item:
            lookups[str(item["lookup"])] = lookups.get(str(item["lookup"]), ()) + tuple(items)
        else:
            raise NluDataError(f"{where}: expected intent, synonym, regex or lookup")
    return NluData(tuple(examples), synonyms, regexes, lookups)
