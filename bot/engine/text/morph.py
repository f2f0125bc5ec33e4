"""The one pymorphy3 analyser (its dictionaries ship in the wheel: nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def morph() -> Any:
    """Loaded once, on first use: about 0.1 s and 15 MB of dictionaries."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
