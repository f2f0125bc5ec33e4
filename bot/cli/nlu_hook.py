"""How command lines get the intent classifier (None until one is trained and loadable)."""

from __future__ import annotations

from collections.abc import Callable

from bot.engine.content import Classifier
from bot.settings import Settings


def classifier_factory(settings: Settings) -> Callable[[], Classifier | None]:
    """A factory the composition root calls once to get the classifier."""

    def make() -> Classifier | None:
        return None

    return make
