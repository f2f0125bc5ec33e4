"""NLU examples from the admin: publishing them retrains in the background, then swaps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from bot.engine.nlu.data import Example, NluData
from bot.engine.nlu.intent import Intent
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.services.content.work import with_example
from bot.services.nlu.model import train_from_data
from bot.storage.database import Database
from tests.conftest import ROOT

EXAMPLE = "как продлить патент на работу"


async def test_published_examples_retrain_and_swap_the_classifier(db: Database) -> None:
    trained: list[NluData] = []

    def trainer(data: NluData) -> Callable[[str], Intent]:  # a stand-in for the real model
        trained.append(data)
        return lambda text: Intent("legal_stay" if "патент" in text else "out_of_scope", 0.9)

    live = LiveContent(
        ContentStore(lambda: load_content(ROOT)), Revisions(db), ROOT, trainer=trainer
    )
    await live.start()
    assert trained == [] and live.store.current.classify is None  # the files' model stays

    name = "nlu/ru.yml"
    working = await live.revisions.latest(name)
    assert working is not None
    draft = await live.revisions.save_draft(
        name, with_example(working.data, "legal_stay", EXAMPLE), "editor1"
    )
    await live.reload()
    assert trained == []  # a draft trains nothing
    live.reloaded.clear()
    await live.publish(draft.id, "editor1")

    async def swapped() -> None:
        while live.store.current.classify is None:
            await live.reloaded.wait()
            live.reloaded.clear()

    await asyncio.wait_for(swapped(), timeout=30)
    assert any(e.text == EXAMPLE and e.intent == "legal_stay" for e in trained[0].examples)
    classify = live.store.current.classify
    assert classify is not None and classify("патент").name == "legal_stay"
    await live.stop()


def test_training_from_data_in_memory_is_cached(tmp_path: Path) -> None:
    data = NluData(
        examples=tuple(
            Example(text, intent, "ru")
            for intent, texts in {
                "greet": ("привет", "здравствуйте", "добрый день", "салам"),
                "thanks": ("спасибо", "благодарю", "спасибо большое", "рахмат"),
            }.items()
            for text in texts
        )
    )
    classify = train_from_data(data, tmp_path, threshold=0.0)
    assert classify("спасибо").name == "thanks"
    cached = list((tmp_path / "published").glob("nlu-*.joblib"))
    assert len(cached) == 1
    mtime = cached[0].stat().st_mtime_ns
    assert train_from_data(data, tmp_path, threshold=0.0)("привет").name == "greet"
    assert cached[0].stat().st_mtime_ns == mtime  # loaded, not trained again
