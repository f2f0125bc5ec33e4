"""What the extractors find: one entity with its kind, value and span."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EntityValue = str | float | dict[str, Any]


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing found in a text: kind, normalised value and the span in the original text."""

    entity: str
    value: EntityValue
    start: int
    end: int
