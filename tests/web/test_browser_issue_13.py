"""Issue 13 in real Chromium on a 360×740 phone: waiting, withdrawing, /forget, danger."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, async_playwright, expect

from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.console.test_browser_console import PASSWORD, WAIT_MS, send, serving

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}


async def last_bot_line(page: Page, contains: str) -> None:
    await expect(page.locator(".msg--out .msg__bubble").last).to_contain_text(
        contains, timeout=WAIT_MS
    )


async def test_issue_13_waiting_withdraw_forget_on_a_phone(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path, nlu=True) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("olga", PASSWORD, "operator")  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            user = await (await browser.new_context(**PHONE)).new_page()  # type: ignore[arg-type]
            await user.goto(base + "/")
            await send(user, "Здравствуйте")
            await user.get_by_role("button", name="Поговорить с человеком").last.click()
            await last_bot_line(user, "оператор")

            # Three more messages: each is acknowledged or answered.
            await send(user, "алло")
            await last_bot_line(user, "1-й в очереди")
            replies = await user.locator(".msg--out").count()
            await send(user, "нужна ли регистрация в России")
            await expect(user.locator(".msg--out")).to_have_count(replies + 1, timeout=WAIT_MS)
            await send(user, "помогите меня бьют")
            await last_bot_line(user, "112")
            calls = user.locator(".msg--out").last.locator("a[href^='tel:']")
            assert await calls.count() >= 3

            # Withdraw with the button under the acknowledgement.
            await user.get_by_role("button", name="Оператор не нужен").last.click()
            await last_bot_line(user, "отменил")

            # Ask again; an operator takes the chat; then the user deletes everything.
            await send(user, "хочу поговорить с человеком")
            await last_bot_line(user, "оператор")
            operator = await (await browser.new_context()).new_page()
            await operator.goto(base + "/console")
            await operator.fill("#username", "olga")
            await operator.fill("#password", PASSWORD)
            await operator.click("#login")
            row = operator.locator("#queue tr[data-handoff]")
            await expect(row).to_have_count(1, timeout=WAIT_MS)
            await row.get_by_role("button", name="Взять").click()
            await expect(operator.locator("#reply-text")).to_be_visible()
            chat_url = operator.url

            await send(user, "/forget")
            await user.get_by_role("button", name="Да, удалить").last.click()
            await last_bot_line(user, "удалены")
            await expect(user.locator(".msg")).to_have_count(1)  # the chat starts clean
            await user.reload()
            await expect(user.locator(".msg--out .msg__bubble").first).to_contain_text("удалены")

            await operator.goto(chat_url)
            await expect(operator.locator("#forgotten")).to_contain_text("удалил")
        finally:
            await browser.close()


async def test_issue_13_emergency_first_numbers_last_and_tappable(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path, nlu=True) as (base, _app), async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            user = await (await browser.new_context(**PHONE)).new_page()  # type: ignore[arg-type]
            await user.goto(base + "/")
            await send(user, "помогите меня держат в квартире в Москве забрали телефон")
            await last_bot_line(user, "112")
            last = user.locator(".msg--out").last
            await expect(last.locator("a[href='tel:112']")).to_have_count(1)
            assert await last.locator("a[href='tel:+79251155047']").count() >= 1
            await expect(last).to_be_in_viewport()
        finally:
            await browser.close()
