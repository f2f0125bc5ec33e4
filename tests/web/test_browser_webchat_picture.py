"""The web chat's picture button in real headless Chromium: a screenshot in, its check out."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import async_playwright, expect

from tests.browser import CHROMIUM_ARGS, require_chromium, running_server
from tests.pictures import png, render, require_ocr

AD = (
    "Срочно! Работа в Корее без визы и без языка, зарплата 3000$ в месяц. Паспорт сдаёте "
    "менеджеру по приезду. Предоплата 500$ за оформление. Пишите в Telegram @job_kr"
)


async def test_a_picture_chosen_in_the_page_is_read_and_checked(tmp_path: Path) -> None:
    chromium = require_chromium()
    require_ocr()
    screenshot = tmp_path / "ad.png"
    screenshot.write_bytes(png(render(AD, 1)))
    with running_server(tmp_path) as base:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
                page = await (await browser.new_context(**phone)).new_page()  # type: ignore[arg-type]
                await page.goto(base + "/")
                button = page.get_by_label("Сүрөт жиберүү")  # Kyrgyz until the chat says
                await expect(button).to_be_attached()
                await button.set_input_files(str(screenshot))
                await expect(page.locator(".msg--in .msg__bubble").last).to_have_text(
                    "📷 Сүрөт жөнөтүлдү"
                )
                read = page.locator(".msg--out .msg__bubble", has_text="Я прочитал это")
                await expect(read).to_contain_text("Работа в Корее", timeout=20_000)
                await expect(page.locator(".msg--out .msg__bubble").last).to_be_visible()
            finally:
                await browser.close()
