"""End to end in real headless Chromium: a manager reads the figures of 40 conversations,
filters them by country and downloads a table; operators and editors are refused.

With SAPAR_INSIGHTS_SCREENSHOT=docs/insights.png the run also renews the README's picture.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.async_api import Page, async_playwright, expect

from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.console.test_browser_console import serving
from tests.insights.seed import seed

PASSWORD = "manager-password-1"
WAIT_MS = 20_000


async def log_in(page: Page, base: str, name: str) -> None:
    await page.goto(base + "/insights")  # a stranger is sent to the login form first
    await expect(page).to_have_url(base + "/console/login")
    await page.fill("#username", name)
    await page.fill("#password", PASSWORD)
    await page.click("#login")


async def test_a_manager_reads_filters_and_downloads_and_others_are_refused(
    tmp_path: Path,
) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        await seed(app.state.sapar.db)  # type: ignore[attr-defined]
        for name, role in (("mira", "manager"), ("olga", "operator"), ("dina", "editor")):
            await app.state.console.staff.add(name, PASSWORD, role)  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(
                locale="ru-RU", viewport={"width": 1280, "height": 900}
            )
            page = await context.new_page()
            failed: list[str] = []  # what the page asked for and did not get (but a favicon)
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            await log_in(page, base, "mira")
            await expect(page).to_have_url(base + "/insights")
            await expect(page.locator("h1")).to_have_text("Показатели программы")
            await expect(page.locator("svg.chart")).to_have_count(9)
            levels = page.locator("#levels table")
            await expect(levels.locator("tr", has_text="критический")).to_contain_text("< 5")
            await expect(levels.locator("tr", has_text="высокий")).to_contain_text("25")
            await expect(page.locator("#levels svg")).to_contain_text("< 5")
            shot = os.environ.get("SAPAR_INSIGHTS_SCREENSHOT") or str(tmp_path / "insights.png")
            await page.screenshot(path=shot, full_page=True)
            assert Path(shot).stat().st_size > 10_000

            await page.select_option("#country", "AE")
            await page.click("#apply")
            signs = page.locator("#indicators table tbody tr")
            await expect(signs).to_have_count(1)
            await expect(signs).to_contain_text("ОАЭ")
            await expect(signs).to_contain_text("< 5")
            assert "country=AE" in page.url
            async with page.expect_download() as download:
                await page.click("#indicators .section__csv")
            csv = Path(await (await download.value).path()).read_text(encoding="utf-8")
            lines = csv.splitlines()
            assert lines[0] == "month,indicator,country,sector,count"
            assert len(lines) == 2 and lines[1].endswith(",document_retention,AE,hospitality,< 5")

            await page.emulate_media(media="print")
            await expect(page.locator("#filters")).to_be_hidden()
            await expect(page.locator("#indicators svg")).to_be_visible()
            assert [url for url in failed if not url.endswith("/favicon.ico")] == []

            for name in ("olga", "dina"):
                other = await (await browser.new_context(locale="ru-RU")).new_page()
                await log_in(other, base, name)
                await expect(other).not_to_have_url(base + "/console/login")
                response = await other.goto(base + "/insights")
                assert response is not None and response.status == 403, name
                csv_response = await other.goto(base + "/insights/csv/levels")
                assert csv_response is not None and csv_response.status == 403, name
        finally:
            await browser.close()
