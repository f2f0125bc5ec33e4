"""The web chat in real headless Chromium against a real server."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, async_playwright, expect

from tests.browser import CHROMIUM_ARGS, require_chromium, running_server

KYRGYZ_LETTERS = ("ө", "ү", "ң")


async def send(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.click("#send")


async def test_russian_and_kyrgyz_greetings_get_answers_in_their_language(tmp_path: Path) -> None:
    chromium = require_chromium()
    with running_server(tmp_path) as base:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
                ru = await (await browser.new_context(**phone)).new_page()  # type: ignore[arg-type]
                await ru.goto(base + "/")
                await send(ru, "Здравствуйте")
                # (the first bot lines are the first screen's language choice and menu)
                welcome = ru.locator(".msg--out .msg__bubble", has_text="Здравствуйте! Я Сапар")
                await expect(welcome).to_be_visible()
                await expect(ru.get_by_role("button", name="Проверить вакансию")).to_be_visible()

                # The conversation survives a reload (the cookie keeps it).
                await ru.reload()
                await expect(ru.locator(".msg--in .msg__bubble").first).to_have_text("Здравствуйте")
                await expect(ru.locator(".msg--out .msg__bubble").first).to_contain_text("Сапар")

                # A button press is a message too.
                await ru.get_by_role("button", name="Кыргызча").first.click()
                await expect(ru.locator(".msg--out .msg__bubble").last).to_contain_text("кыргызча")

                ky = await (await browser.new_context(**phone)).new_page()  # type: ignore[arg-type]
                await ky.goto(base + "/")
                await send(ky, "Саламатсызбы")
                first = ky.locator(".msg--out .msg__bubble", has_text="Саламатсызбы! Мен Сапармын")
                await expect(first).to_be_visible()
                text = await first.inner_text()
                assert all(letter in text for letter in KYRGYZ_LETTERS), text
                check_offer = ky.get_by_role("button", name="Жумуш сунушун текшерүү").last
                await expect(check_offer).to_be_visible()
                await ky.screenshot(path=str(tmp_path / "kyrgyz-chat.png"))
            finally:
                await browser.close()


async def test_markup_typed_by_a_user_is_shown_as_text(tmp_path: Path) -> None:
    chromium = require_chromium()
    with running_server(tmp_path) as base:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = await browser.new_page()
                dialogs: list[str] = []
                page.on("dialog", lambda d: dialogs.append(d.message))
                await page.goto(base + "/")
                payload = "<img src=x onerror=alert(1)>"
                await send(page, payload)
                await expect(page.locator(".msg--in .msg__bubble").first).to_have_text(payload)
                # The bot's answer shows the message was stored: a reload before that could
                # abort the request still in flight.
                await expect(
                    page.locator(".msg--out .msg__bubble", has_text="Сапар")
                ).to_be_visible()
                await page.reload()
                await expect(page.locator(".msg--in .msg__bubble").first).to_have_text(payload)
                assert await page.locator(".chat__log img").count() == 0
                assert dialogs == []
            finally:
                await browser.close()


async def test_sources_under_more_are_links_and_user_text_is_not(tmp_path: Path) -> None:
    chromium = require_chromium()
    with running_server(tmp_path) as base:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = await browser.new_page()
                await page.goto(base + "/")
                await send(page, "https://example.org какие документы нужны для работы")
                more = page.get_by_role("button", name="Подробнее")
                await expect(more.first).to_be_visible()
                await more.first.click()
                links = page.locator(".msg--out .msg__bubble a")
                await expect(links.first).to_be_visible()
                count = await links.count()
                assert 1 <= count <= 3
                for i in range(count):
                    href = await links.nth(i).get_attribute("href")
                    assert href and href.startswith("https://")
                    assert await links.nth(i).get_attribute("rel") == "noopener noreferrer"
                assert await page.locator(".msg--in a").count() == 0  # typed text stays text
            finally:
                await browser.close()
