"""Content in the database: seed, draft, publish, rollback, refusals, reload everywhere."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest

from bot.services.content.documents import read_documents
from bot.services.content.live import LiveContent
from bot.services.content.revisions import RevisionError, Revisions
from bot.services.content.store import ContentStore, load_content
from bot.storage import content as rows
from bot.storage.database import Database
from tests.conftest import ROOT, DatabaseFactory

ANSWERS = "knowledge/answers.yml"
INDICATORS = "knowledge/indicators.yml"
NEW_KY = "Жаңы текст: паспортуңузду текшериңиз, үйдөн чыгаар алдында көчүрмөсүн алыңыз."


@pytest.fixture(scope="module")
def files() -> dict[str, Any]:
    return read_documents(ROOT)


async def live_content(db: Database) -> LiveContent:
    live = LiveContent(ContentStore(lambda: load_content(ROOT)), Revisions(db), ROOT)
    await live.start()
    return live


def edited(files: dict[str, Any], short_ky: str) -> dict[str, Any]:
    data = copy.deepcopy(files[ANSWERS])
    data["answers"][0]["short"]["ky"] = short_ky
    return data


async def test_first_start_seeds_every_file_and_serves_it(db: Database, files: Any) -> None:
    live = await live_content(db)
    history = await live.revisions.history(ANSWERS)
    assert [(r.number, r.author, r.status) for r in history] == [(1, "seed", "published")]
    assert set((await live.revisions.live()).documents) == set(files)
    assert "nlu/ky.yml" in files and "dialogues/main.yml" in files
    assert live.store.current.answers["documents"].general.short["ky"].startswith("Жолго")
    assert await live.revisions.seed(files) == []  # a second start seeds nothing
    await live.stop()


async def test_a_draft_is_not_live_until_published(db: Database, files: Any) -> None:
    live = await live_content(db)
    draft = await live.revisions.save_draft(ANSWERS, edited(files, NEW_KY), "editor1", "typo")
    assert draft.status == "draft" and draft.number == 2
    await live.reload()
    assert live.store.current.answers["documents"].general.short["ky"] != NEW_KY

    published = await live.publish(draft.id, "editor1")
    assert published.id == draft.id
    assert live.store.current.answers["documents"].general.short["ky"] == NEW_KY
    statuses = [(r.number, r.status) for r in await live.revisions.history(ANSWERS)]
    assert statuses == [(2, "published"), (1, "superseded")]
    await live.stop()


async def test_rollback_publishes_the_old_data_as_a_new_revision(db: Database, files: Any) -> None:
    live = await live_content(db)
    draft = await live.revisions.save_draft(ANSWERS, edited(files, NEW_KY), "editor1")
    await live.publish(draft.id, "editor1")
    seed = (await live.revisions.history(ANSWERS))[-1]

    back = await live.publish(seed.id, "admin1")

    assert (back.number, back.note, back.author) == (3, "rollback to #1", "admin1")
    assert live.store.current.answers["documents"].general.short["ky"].startswith("Жолго")
    statuses = [(r.number, r.status) for r in await live.revisions.history(ANSWERS)]
    assert statuses == [(3, "published"), (2, "superseded"), (1, "superseded")]
    await live.stop()


@pytest.mark.parametrize(
    ("document", "change", "named"),
    [
        (ANSWERS, lambda d: d["answers"][0]["short"].update(ky="  "), "documents.short.ky"),
        (
            INDICATORS,
            lambda d: d["indicators"]["document_retention"]["patterns"]["ru"].append("(паспорт"),
            "document_retention",
        ),
        (
            INDICATORS,
            lambda d: d["indicators"]["document_retention"].update(severity="awful"),
            "document_retention: severity",
        ),
        (
            "knowledge/hotlines.yml",
            lambda d: d["countries"]["KG"]["name"].update(ky=""),
            "countries.KG.name.ky",
        ),
    ],
)
async def test_a_broken_edit_is_refused_naming_file_item_and_field(
    db: Database, files: Any, document: str, change: Any, named: str
) -> None:
    live = await live_content(db)
    data = copy.deepcopy(files[document])
    change(data)
    with pytest.raises(RevisionError) as refused:
        await live.revisions.save_draft(document, data, "editor1")
    assert document.removeprefix("knowledge/") in str(refused.value)
    assert named in str(refused.value)
    assert len(await live.revisions.history(document)) == 1  # nothing was saved
    await live.stop()


async def test_a_reload_that_fails_keeps_the_old_content(db: Database, files: Any) -> None:
    live = await live_content(db)
    before = live.store.current
    async with db.transaction() as session:  # bypass validation, as a bad manual edit would
        doc = await session.get_one(rows.ContentDocument, ANSWERS)
        row = rows.ContentRevision(
            document=ANSWERS, number=2, data={"answers": [{"id": "x"}]}, author="x"
        )
        session.add(row)
        await session.flush()
        doc.published_id = row.id
    assert await live.reload() is False
    assert live.store.current is before
    await live.stop()


async def test_publish_is_seen_by_a_second_process_on_postgresql(
    pg_databases: DatabaseFactory, files: Any
) -> None:
    first = await live_content(await pg_databases.create())
    second = await live_content(pg_databases.open())
    draft = await first.revisions.save_draft(ANSWERS, edited(files, NEW_KY), "editor1")
    second.reloaded.clear()
    await first.publish(draft.id, "editor1")

    async def seen() -> None:
        while second.store.current.answers["documents"].general.short["ky"] != NEW_KY:
            await second.reloaded.wait()
            second.reloaded.clear()

    await asyncio.wait_for(seen(), timeout=15)
    await first.stop()
    await second.stop()
