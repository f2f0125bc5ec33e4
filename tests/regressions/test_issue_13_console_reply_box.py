"""Issue 13, item 16 in real Chromium: on an office screen the reply box is in view at once."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import async_playwright, expect

from bot.types import ConversationKey
from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.console.conftest import hand_over, say
from tests.console.test_browser_console import PASSWORD, serving

IN_VIEW = """() => {
  const box = document.getElementById("reply-text").getBoundingClientRect();
  const log = document.getElementById("transcript");
  return {
    top: box.top, bottom: box.bottom, height: window.innerHeight, scrolled: window.scrollY,
    scrolls: log.scrollHeight > log.clientHeight,
    newest: log.scrollTop + log.clientHeight >= log.scrollHeight - 2,
  };
}"""


async def test_issue_13_console_reply_box_is_reachable_without_scrolling(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        sapar = app.state.sapar  # type: ignore[attr-defined]
        await app.state.console.staff.add("olga", PASSWORD, "operator")  # type: ignore[attr-defined]
        handoff = await hand_over(sapar, chat="long")
        for n in range(40):  # a long conversation: the transcript is taller than the window
            await say(sapar, ConversationKey("webchat", "long"), f"Сообщение номер {n}: помогите")
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for size in ({"width": 1366, "height": 768}, {"width": 1280, "height": 640}):
                page = await (await browser.new_context(viewport=size)).new_page()  # type: ignore[arg-type]
                await page.goto(base + "/console/login")
                await page.fill("#username", "olga")
                await page.fill("#password", PASSWORD)
                await page.click("#login")
                await page.goto(f"{base}/console/chats/{handoff}")
                if await page.locator("#claim").count():
                    await page.click("#claim")
                await expect(page.locator("#reply-text")).to_be_visible()
                seen = await page.evaluate(IN_VIEW)
                assert seen["scrolled"] == 0, seen
                assert seen["top"] >= 0 and seen["bottom"] <= seen["height"], (size, seen)
                assert seen["scrolls"] and seen["newest"], seen  # the transcript scrolls instead
                await page.screenshot(path=str(tmp_path / f"chat-{size['height']}.png"))
        finally:
            await browser.close()
