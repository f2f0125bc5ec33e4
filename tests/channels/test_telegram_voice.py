"""Telegram voice notes in a hand-off, end to end on the fake Bot API and the console."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.channels.conftest import settings_for, tg_text
from tests.channels.fakes import FakeTelegram
from tests.channels.voice import OGG, Voiced, tg_button, tg_voice, voiced

CHAT = 80808


@pytest.fixture
async def tg(tmp_path: Path, fake_telegram: FakeTelegram) -> AsyncIterator[Voiced]:
    settings = settings_for(tmp_path, fake_telegram, voice={"max_bytes": 64 * 1024})
    async for running in voiced(settings):
        yield running


async def send(tg: Voiced, fake: FakeTelegram, update: object) -> list[str]:
    assert (await tg.running.telegram(update)).status_code == 200
    await tg.running.settled()
    return fake.delivered[str(CHAT)]


async def test_a_voice_note_outside_a_handoff_is_answered_and_never_downloaded(
    tg: Voiced, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.files["v0"] = OGG
    texts = await send(tg, fake_telegram, tg_voice(1, CHAT, "v0"))
    assert tg.said("media_voice") & set(texts)
    assert not fake_telegram.of("getFile") and not fake_telegram.downloads
    assert await tg.stored() == 0


async def test_a_voice_note_in_a_handoff_is_played_in_the_console_until_the_close(
    tg: Voiced, fake_telegram: FakeTelegram
) -> None:
    await send(tg, fake_telegram, tg_text(1, CHAT, 1, "/operator"))
    fake_telegram.files["v1"] = OGG
    texts = await send(tg, fake_telegram, tg_voice(2, CHAT, "v1"))
    assert tg.said("media_voice_kept") & set(texts)
    (ref,) = await tg.refs()
    handoff_id = await tg.handoff_id()
    page = await tg.operator.get(f"/console/chats/{handoff_id}")
    assert (
        f'<audio class="line__voice" controls preload="metadata" src="/console/voices/{ref}"'
        in (page.text)
    )
    played = await tg.operator.get(f"/console/voices/{ref}")
    assert played.status_code == 200 and played.content == OGG
    assert played.headers["content-type"] == "audio/ogg"
    refused = await tg.stranger.get(f"/console/voices/{ref}", headers={"accept": "audio/*"})
    assert refused.status_code in (303, 401, 403) and refused.content != OGG
    await tg.close(handoff_id)
    assert await tg.stored() == 0
    assert (await tg.operator.get(f"/console/voices/{ref}")).status_code == 404


async def test_forget_deletes_a_kept_voice_note(tg: Voiced, fake_telegram: FakeTelegram) -> None:
    await send(tg, fake_telegram, tg_text(1, CHAT, 1, "/operator"))
    fake_telegram.files["v2"] = OGG
    await send(tg, fake_telegram, tg_voice(2, CHAT, "v2"))
    (ref,) = await tg.refs()
    assert await tg.stored() == 1
    await send(tg, fake_telegram, tg_text(3, CHAT, 3, "/forget"))
    await send(tg, fake_telegram, tg_button(4, CHAT, "yes_forget"))
    assert await tg.stored() == 0
    assert (await tg.operator.get(f"/console/voices/{ref}")).status_code == 404


async def test_a_too_large_voice_note_is_not_kept_and_the_operator_is_told(
    tg: Voiced, fake_telegram: FakeTelegram
) -> None:
    await send(tg, fake_telegram, tg_text(1, CHAT, 1, "/operator"))
    fake_telegram.files["big"] = b"never fetched"
    texts = await send(tg, fake_telegram, tg_voice(2, CHAT, "big", size=5 * 1024 * 1024))
    assert tg.said("media_voice_too_large") & set(texts)
    assert not fake_telegram.downloads and await tg.stored() == 0
    fake_telegram.files["liar"] = bytes(100 * 1024)  # announced small by nobody, sent large
    texts = await send(tg, fake_telegram, tg_voice(3, CHAT, "liar"))
    assert await tg.stored() == 0
    page = await tg.operator.get(f"/console/chats/{await tg.handoff_id()}")
    content = tg.sapar.content.current
    assert content.text("console_voice_too_large", "ru") in page.text
    assert "<audio" not in page.text


async def test_a_failed_download_is_said_so(tg: Voiced, fake_telegram: FakeTelegram) -> None:
    await send(tg, fake_telegram, tg_text(1, CHAT, 1, "/operator"))
    texts = await send(tg, fake_telegram, tg_voice(2, CHAT, "gone"))  # getFile: 400
    assert tg.said("media_voice_failed") & set(texts)
    assert await tg.stored() == 0
