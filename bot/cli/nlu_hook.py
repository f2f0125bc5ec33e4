"""How the command lines get the intent classifier for the dialogue."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.engine.nlu.intent import Classifier
from bot.services.nlu.model import make_classifier
from bot.settings import Settings

log = logging.getLogger(__name__)


def classifier_factory(settings: Settings) -> Callable[[], Classifier | None]:
    """A factory the composition root calls once: the cached model, trained if it is stale."""

    def make() -> Classifier | None:
        if settings.nlu.backend == "rasa":
            log.warning("nlu.backend=rasa is used by `nlu parse`; the dialogue uses the built-in")
        return make_classifier(
            settings.path(settings.content.dir),
            settings.path(settings.nlu.cache_dir),
            settings.nlu.threshold,
        )

    return make
