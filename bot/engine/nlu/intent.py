"""What the intent classifier returns, and the shape of a classifier the dialogue calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Classifier", "Intent"]


@dataclass(frozen=True, slots=True)
class Intent:
    """What the classifier made of a text."""

    name: str
    confidence: float
    entities: tuple[Mapping[str, Any], ...] = ()


Classifier = Callable[[str], Intent]
