"""WhatsApp voice notes in a hand-off, end to end on the fake Graph API and the console."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.channels.conftest import settings_for, wa_text
from tests.channels.fakes import FakeGraph
from tests.channels.voice import OGG, Voiced, voiced, wa_voice

WA_ID = "996700000222"


@pytest.fixture
async def wa(tmp_path: Path, fake_graph: FakeGraph) -> AsyncIterator[Voiced]:
    settings = settings_for(tmp_path, graph=fake_graph, voice={"max_bytes": 64 * 1024})
    async for running in voiced(settings):
        yield running


async def send(wa: Voiced, fake: FakeGraph, payload: object) -> list[str]:
    assert (await wa.running.whatsapp(payload)).status_code == 200
    await wa.running.settled()
    return fake.delivered[WA_ID]


async def test_a_voice_note_outside_a_handoff_is_answered_with_a_person_first(
    wa: Voiced, fake_graph: FakeGraph
) -> None:
    fake_graph.media["a0"] = OGG
    texts = await send(wa, fake_graph, wa_voice(WA_ID, "wamid.v0", "a0"))
    assert wa.said("media_voice") & set(texts)
    assert not fake_graph.downloads and await wa.stored() == 0


async def test_a_voice_note_in_a_handoff_is_played_then_gone_after_the_close(
    wa: Voiced, fake_graph: FakeGraph
) -> None:
    await send(wa, fake_graph, wa_text(WA_ID, "wamid.t1", "/operator"))
    fake_graph.media["a1"] = OGG
    texts = await send(wa, fake_graph, wa_voice(WA_ID, "wamid.v1", "a1"))
    assert wa.said("media_voice_kept") & set(texts)
    assert fake_graph.downloads == ["a1"]
    (ref,) = await wa.refs()
    handoff_id = await wa.handoff_id()
    page = await wa.operator.get(f"/console/chats/{handoff_id}")
    assert f'src="/console/voices/{ref}"' in page.text
    played = await wa.operator.get(f"/console/voices/{ref}")
    assert played.status_code == 200 and played.content == OGG
    assert played.headers["content-type"].startswith("audio/ogg")
    assert (await wa.stranger.get(f"/console/voices/{ref}")).content != OGG
    await wa.close(handoff_id)
    assert await wa.stored() == 0
    assert (await wa.operator.get(f"/console/voices/{ref}")).status_code == 404


async def test_a_too_large_voice_note_is_refused_on_the_announced_size(
    wa: Voiced, fake_graph: FakeGraph
) -> None:
    await send(wa, fake_graph, wa_text(WA_ID, "wamid.t1", "/operator"))
    fake_graph.media["big"] = b"never fetched"
    fake_graph.media_sizes["big"] = 16 * 1024 * 1024
    texts = await send(wa, fake_graph, wa_voice(WA_ID, "wamid.v2", "big"))
    assert wa.said("media_voice_too_large") & set(texts)
    assert not fake_graph.downloads and await wa.stored() == 0
