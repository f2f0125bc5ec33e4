"""Editors' work lists: missing translations, stale items, questions the bot could not answer."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from bot.engine.text.names import strip_names
from bot.services.content.documents import languages_of

_PERSONAL = (
    (re.compile(r"https?://\S+|www\.\S+", re.I), "[ссылка]"),
    (re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"), "[email]"),
    (re.compile(r"@\w{2,64}"), "[@ник]"),
    (re.compile(r"\+?\d[\d\s().-]{5,20}\d"), "[номер]"),
    (re.compile(r"\d{5,}"), "[номер]"),
)


def anonymise(text: str) -> str:
    """The text without phone numbers, @handles, emails, links, long digit runs or names."""
    for pattern, mark in _PERSONAL:
        text = pattern.sub(mark, text)
    return " ".join(strip_names(text).split())[:1000]


@dataclass(frozen=True, slots=True)
class Gap:
    """An item of a document that needs an editor: what, where, and why.

    `kind` (missing, unreadable, checked) and `detail` (a language code, a date) are the why for
    a page to say in its reader's language; `problem` is the older Russian description (the
    admin no longer shows it)."""

    document: str
    item: str
    problem: str
    kind: str = ""
    detail: str = ""


def missing_translations(docs: Mapping[str, Any]) -> list[Gap]:
    """Every text that is empty or absent in one of the languages."""
    gaps: list[Gap] = []
    languages = languages_of(docs)

    def walk(value: Any, where: str, document: str) -> None:
        if isinstance(value, Mapping):
            if languages.is_text(value):
                for lang in languages.missing(value):
                    problem = f"нет текста на языке {lang}"
                    gaps.append(Gap(document, where, problem, "missing", lang))
                return
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key), document)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                key = item.get("id") if isinstance(item, Mapping) else None
                walk(item, f"{where}[{key or i}]", document)

    for name, data in docs.items():
        if name.startswith(("dialogues/", "knowledge/")):
            walk(data, "", name)
    return gaps


def stale(docs: Mapping[str, Any], months: int, today: date) -> list[Gap]:
    """Items whose `checked` date is older than `months` months (or missing/unreadable)."""
    limit = _months_before(today, months)
    gaps: list[Gap] = []

    def walk(value: Any, where: str, document: str) -> None:
        if isinstance(value, Mapping):
            checked = value.get("checked")
            if isinstance(checked, str) and "url" not in value:  # a source's date is its own
                try:
                    when = date.fromisoformat(checked[:10])
                except ValueError:
                    problem = f"дата проверки не читается: {checked}"
                    gaps.append(Gap(document, where or "-", problem, "unreadable", checked))
                else:
                    if when < limit:
                        problem = f"проверено {checked}"
                        gaps.append(Gap(document, where or "-", problem, "checked", checked))
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key), document)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                key = item.get("id") if isinstance(item, Mapping) else None
                walk(item, f"{where}[{key or i}]", document)

    for name, data in docs.items():
        if name.startswith("knowledge/"):
            walk(data, "", name)
    return gaps


def _months_before(today: date, months: int) -> date:
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(today.day, 28))


@dataclass(frozen=True, slots=True)
class Group:
    """Similar unanswered questions: the first text stands for them all."""

    ids: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.texts[0]


def group_similar(items: Sequence[tuple[int, str]], threshold: float = 70.0) -> list[Group]:
    """Texts that read alike together (rapidfuzz token-set ratio), biggest group first."""
    groups: list[tuple[list[int], list[str]]] = []
    for item_id, text in items:
        folded = text.lower()
        for ids, texts in groups:
            if fuzz.token_set_ratio(folded, texts[0].lower()) >= threshold:
                ids.append(item_id)
                texts.append(text)
                break
        else:
            groups.append(([item_id], [text]))
    found = [Group(tuple(ids), tuple(texts)) for ids, texts in groups]
    return sorted(found, key=lambda g: -len(g.ids))


def with_example(nlu_doc: Mapping[str, Any], intent: str, text: str) -> dict[str, Any]:
    """The NLU document with `text` appended to the examples of `intent` (a new copy)."""
    line = " ".join(text.split())
    if not line:
        raise ValueError("the example is empty")
    doc = dict(nlu_doc)
    items = [dict(i) for i in doc.get("nlu") or ()]
    for item in items:
        if item.get("intent") == intent:
            examples = str(item.get("examples") or "")
            if examples and not examples.endswith("\n"):
                examples += "\n"
            item["examples"] = examples + f"- {line}\n"
            break
    else:
        raise ValueError(f"intent {intent!r} is not in this NLU document")
    doc["nlu"] = items
    return doc


def intents(nlu_doc: Mapping[str, Any]) -> list[str]:
    return [str(i["intent"]) for i in nlu_doc.get("nlu") or () if "intent" in i]


def agencies_from_csv(
    old: Mapping[str, Any], csv_text: str, *, complete: bool, source: str
) -> dict[str, Any]:
    """knowledge/agencies.yml with the agencies of a CSV register (a `name` column at least)."""
    reader = csv.DictReader(io.StringIO(csv_text))
    if reader.fieldnames is None or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValueError("CSV: a 'name' column is required")
    rows = []
    for line, row in enumerate(reader, start=2):
        clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not clean.get("name"):
            raise ValueError(f"CSV line {line}: name is empty")
        keep = ("name", "permit", "issued", "address", "phone")
        rows.append({k: clean[k] for k in keep if clean.get(k)})
    return {**old, "complete": complete, "source": source, "agencies": rows}
