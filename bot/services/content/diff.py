"""A readable diff of two revisions: per item and field, old → new."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs; `old`/`new` are None when the field was added/removed."""

    path: str
    old: Any
    new: Any


def diff(old: Any, new: Any, path: str = "") -> list[Change]:
    """Every changed leaf; lists of items with an `id` are compared item by item."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        changes: list[Change] = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes += diff(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        if _keyed(old) and _keyed(new):
            before = {str(i["id"]): i for i in old}
            after = {str(i["id"]): i for i in new}
            changes = []
            for key in [*before, *(k for k in after if k not in before)]:
                changes += diff(before.get(key), after.get(key), f"{path}[{key}]")
            return changes
        if len(old) == len(new):
            changes = []
            for n, (a, b) in enumerate(zip(old, new, strict=True)):
                changes += diff(a, b, f"{path}[{n}]")
            return changes
    return [] if old == new else [Change(path or "-", old, new)]


def _keyed(items: list[Any]) -> bool:
    return all(isinstance(i, Mapping) and "id" in i for i in items)


def show(value: Any) -> str:
    """A leaf for display: text as is, anything else compactly."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
