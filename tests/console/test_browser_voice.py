"""A held chat's voice note in real headless Chromium: the chat page shows an `<audio>` whose
source loads for the signed-in operator (200, an audio type), and not after the close."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright, expect
from sqlalchemy import func, select

from bot.storage.handoffs import Handoff
from bot.types import ConversationKey, Media, MessageKind, UserMessage
from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.channels.voice import OGG
from tests.console.test_browser_console import PASSWORD, WAIT_MS, recording_operator, serving

LOAD = """async (src) => {
  const answer = await fetch(src);
  const body = await answer.arrayBuffer();
  return [answer.status, answer.headers.get('content-type'), body.byteLength];
}"""


async def held_voice_note(sapar: Any) -> int:
    """A web chat asks for a person, then a voice note arrives (as a channel hands it over)."""
    key = ConversationKey("webchat", "voice-browser")
    now = datetime.now(UTC)
    await sapar.conversations.receive(UserMessage(key, "b1", now, text="/operator"))
    voice = UserMessage(
        key,
        "b2",
        now,
        kind=MessageKind.UNSUPPORTED,
        media=Media.VOICE,
        meta={"mime_type": "audio/ogg"},
    )

    async def fetch(limit: int) -> bytes:
        return OGG

    taken = await sapar.voices.take(voice, fetch)
    await sapar.voices.settle(taken, await sapar.conversations.receive(taken.message))
    async with sapar.db.transaction() as session:
        return int(await session.scalar(select(func.max(Handoff.id))) or 0)


async def test_the_operator_plays_a_voice_note_in_the_chat_page(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        console: Any = app.state.console  # type: ignore[attr-defined]
        await console.staff.add("olga", PASSWORD, "operator")
        handoff_id = await held_voice_note(app.state.sapar)  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            operator = await recording_operator(browser, base)
            await expect(operator.locator("#live")).to_have_text("в сети", timeout=WAIT_MS)
            await operator.goto(f"{base}/console/chats/{handoff_id}")
            audio = operator.locator("audio.line__voice")
            await expect(audio).to_have_count(1, timeout=WAIT_MS)
            src = await audio.evaluate("a => a.src")
            assert src.startswith(f"{base}/console/voices/")
            status, kind, size = await operator.evaluate(LOAD, src)
            assert (status, kind, size) == (200, "audio/ogg", len(OGG))
            stranger = await (await browser.new_context()).new_page()
            answer = await stranger.goto(src)
            assert answer is not None
            assert answer.status in (401, 403) or answer.url.endswith("/console/login")
        finally:
            await browser.close()
