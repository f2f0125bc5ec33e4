"""The queue worked in real headless Chromium (issue 15): three chats with different reasons,
previews and timers; one passes its target and is marked and notified once; automatic
assignment gives an operator no more than the limit. The browser's clock (Playwright's) and
the console's are moved instead of waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

from playwright.async_api import async_playwright, expect

from bot.clock import utcnow
from bot.types import ConversationKey, UserMessage
from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.console.test_browser_console import PASSWORD, WAIT_MS, recording_operator, serving

OPERATORS = {
    "assignment": "auto",
    "max_open_chats": 1,
    "wait_targets_minutes": {"emergency": 5, "asked_for_human": 15, "not_understood": 30},
}
LATE = "⏰ Ждёт дольше нормы (5 мин)"
_ids = count(1)


async def write(app: object, chat: str, text: str = "", button: str | None = None) -> None:
    """A web chat user's message, straight into the running app's conversations."""
    sapar = app.state.sapar  # type: ignore[attr-defined]
    key = ConversationKey("webchat", chat)
    message = UserMessage(key, f"q{next(_ids)}", datetime.now(UTC), text=text, button=button)
    await sapar.conversations.receive(message)


async def test_three_chats_one_late_and_the_limit_of_automatic_assignment(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path, operators=OPERATORS) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("olga", PASSWORD, "operator")  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            operator = await recording_operator(browser, base, fake_clock=True)
            await expect(operator.locator("#live")).to_have_text("в сети", timeout=WAIT_MS)

            # Three reasons: asked for a person, danger now, not understood twice.
            await write(app, "asks", "Здравствуйте")
            await write(app, "asks", "/operator")
            await write(app, "danger", button="danger")
            await write(app, "lost", "Здравствуйте")
            await write(app, "lost", "кщшгнр зщхъ")
            await write(app, "lost", "фывдлж ждлоры")
            rows = operator.locator("#queue tr[data-handoff]")
            await expect(rows).to_have_count(3, timeout=WAIT_MS)
            # Urgent first: the emergency, then the longest waiting.
            await expect(rows.nth(0)).to_contain_text("Опасность сейчас")
            await expect(rows.nth(1)).to_contain_text("Просит человека")
            await expect(rows.nth(2)).to_contain_text("Бот не понял")
            await expect(rows.nth(2).locator(".row__preview")).to_have_text("фывдлж ждлоры")
            await expect(rows.nth(1).locator(".row__preview")).to_have_text("/operator")
            # The limit is one chat each: the first went to Olga, the other two wait.
            await expect(rows.nth(1)).to_contain_text("olga")
            await expect(rows.nth(0)).to_contain_text("в очереди")
            await expect(rows.nth(2)).to_contain_text("в очереди")
            await expect(rows.nth(0).locator("time.waited")).to_have_text("0 мин")
            assert await operator.locator("tr.row--late").count() == 0
            await expect(operator.locator(".row__late:visible")).to_have_count(0)

            # Six minutes later the emergency (5 minutes) is late, the other (30) is not.
            app.state.console.clock = lambda: utcnow() + timedelta(minutes=6)  # type: ignore[attr-defined]
            await operator.clock.fast_forward("06:00")
            late = operator.locator("#queue tr.row--late")
            await expect(late).to_have_count(1, timeout=WAIT_MS)
            await expect(late).to_contain_text("Опасность сейчас")
            await expect(late.locator(".row__late")).to_have_text(LATE)
            await expect(late.locator("time.waited")).to_have_text("6 мин")
            await expect(operator.locator(".row__late:visible")).to_have_count(1)  # only its
            notes = "window.__notes.filter(n => n === 'Чат ждёт дольше нормы').length"
            await operator.wait_for_function(f"{notes} === 1", timeout=WAIT_MS)
            # Time goes on and the queue refreshes: still one notification for that row.
            await operator.clock.fast_forward("01:00")
            await write(app, "lost", "алло")
            await expect(rows.nth(2).locator(".row__preview")).to_have_text("алло")
            assert await operator.evaluate(notes) == 1

            # Olga closes her chat: the emergency goes to her, the third still waits.
            await rows.nth(1).locator(".row__open").click()
            await operator.select_option("#outcome", "advised")
            await operator.click("#close")
            await expect(rows).to_have_count(2, timeout=WAIT_MS)
            await expect(rows.nth(0)).to_contain_text("olga")
            assert "row--late" not in str(await rows.nth(0).get_attribute("class"))  # taken
            await expect(rows.nth(1)).to_contain_text("в очереди")
        finally:
            await browser.close()
