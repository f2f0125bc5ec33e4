"""Issue 13, item 14 and 17 in the web chat: what a person sees on a phone, in real Chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright, expect
from sqlalchemy import select

from bot.app import Sapar
from bot.services.staff import Staff, StaffService
from bot.storage.models import Conversation
from tests.browser import CHROMIUM_ARGS, require_chromium
from tests.console.conftest import hand_over, sapar_desk
from tests.console.test_browser_console import serving

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
WAIT_MS = 20_000
BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@asynccontextmanager
async def phone(tmp_path: Path, locale: str = "ky") -> AsyncIterator[tuple[Page, str, Sapar]]:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        browser: Browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(**PHONE, locale=locale)  # type: ignore[arg-type]
            page = await context.new_page()
            await page.goto(base + "/")
            yield page, base, app.state.sapar  # type: ignore[attr-defined]
        finally:
            await browser.close()


def sapar_staff(sapar: Sapar) -> StaffService:
    return StaffService(sapar.db, sapar.settings.operators, "test-secret")


async def send(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.click("#send")


async def test_issue_13_first_screen_offers_the_language_choice_and_the_menu(
    tmp_path: Path,
) -> None:
    async with phone(tmp_path) as (page, _, _):
        await expect(page.get_by_role("button", name="Кыргызча")).to_be_visible()
        await expect(page.get_by_role("button", name="Русский")).to_be_visible()
        await expect(page.get_by_role("button", name="Жумуш сунушун текшерүү")).to_be_visible()
        await expect(page.locator(".msg--out .msg__bubble").first).to_have_text("Тилди тандаңыз:")
        # A tap on the first screen is a message the bot answers.
        await page.get_by_role("button", name="Жумуш сунушун текшерүү").click()
        await expect(page.locator(".msg--out .msg__bubble").last).to_contain_text(
            "Жумуш жарнамасынын текстин", timeout=WAIT_MS
        )


async def test_issue_13_choosing_a_language_redraws_the_header_and_placeholder(
    tmp_path: Path,
) -> None:
    async with phone(tmp_path) as (page, _, _):
        await expect(page.locator("h1")).to_have_text("Сапар — коопсуз миграция")
        await send(page, "Саламатсызбы")
        await expect(page.locator(".msg--out .msg__bubble").last).to_contain_text(
            "Баскычты", timeout=WAIT_MS
        )
        await page.get_by_role("button", name="Русский").last.click()
        await expect(page.locator(".msg--out .msg__bubble").last).to_contain_text(
            "по-русски", timeout=WAIT_MS
        )
        await expect(page.locator("h1")).to_have_text("Сапар — безопасная миграция")
        await expect(page.locator("#text")).to_have_attribute("placeholder", "Напишите сообщение…")
        await expect(page.locator("#send")).to_have_text("Отправить")
        assert await page.evaluate("document.documentElement.lang") == "ru"


PLACEHOLDER_WIDTH = """() => {
  const box = document.getElementById("text");
  const style = getComputedStyle(box);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = style.font;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [ctx.measureText(box.placeholder).width, room];
}"""


async def test_issue_13_russian_placeholder_is_not_clipped_on_a_phone(tmp_path: Path) -> None:
    async with phone(tmp_path, locale="ru-RU") as (page, _, _):
        await expect(page.locator("#text")).to_have_attribute("placeholder", "Напишите сообщение…")
        needed, room = await page.evaluate(PLACEHOLDER_WIDTH)
        assert needed <= room, f"the placeholder needs {needed:.0f}px, the box has {room:.0f}px"


AT_NEWEST = """() => {
  const log = document.getElementById("log");
  const bottom = log.scrollTop + log.clientHeight;
  return log.scrollHeight > log.clientHeight && bottom >= log.scrollHeight - 2;
}"""


async def test_issue_13_opening_the_keyboard_keeps_the_newest_message_in_view(
    tmp_path: Path,
) -> None:
    async with phone(tmp_path) as (page, _, _):
        await send(page, "Саламатсызбы")
        await expect(page.locator(".msg--out .msg__bubble").last).to_contain_text(
            "Баскычты", timeout=WAIT_MS
        )
        await page.evaluate("document.getElementById('log').scrollTop = 0")
        await page.focus("#text")
        await page.set_viewport_size({"width": 360, "height": 400})  # the keyboard opens
        for _ in range(50):
            if await page.evaluate(AT_NEWEST):
                break
            await page.wait_for_timeout(100)
        assert await page.evaluate(AT_NEWEST), "the newest message is out of view"


async def test_issue_13_a_long_paste_is_kept_and_the_cut_is_announced(tmp_path: Path) -> None:
    async with phone(tmp_path, locale="ru-RU") as (page, _, _):
        long_text = "Работа в Москве, зарплата 90 000 рублей. " * 500  # about 20 KB
        await page.fill("#text", long_text)
        assert await page.evaluate("document.getElementById('text').value.length") == len(long_text)
        notice = page.locator("#notice")
        await expect(notice).to_be_visible()
        await expect(notice).to_contain_text("Сообщение очень длинное")
        await expect(notice).to_contain_text("4096")
        await page.click("#send")
        await expect(notice).to_be_hidden()
        cut = page.locator(".msg--out .msg__bubble", has_text="прочитал только первые 4096")
        await expect(cut).to_be_visible(timeout=WAIT_MS)


async def test_issue_13_operator_replies_are_labelled_as_the_operator(tmp_path: Path) -> None:
    async with phone(tmp_path, locale="ru-RU") as (page, _, sapar):
        await send(page, "Здравствуйте")
        await expect(page.locator(".msg--out", has_text="Я Сапар")).to_be_visible(timeout=WAIT_MS)
        async with sapar.db.transaction() as session:
            chat_id = (await session.scalars(select(Conversation.chat_id))).one()
        handoff = await hand_over(sapar, chat=chat_id)
        user_id = await sapar_staff(sapar).add("olga", "operator-password-1", "operator")
        olga = Staff(user_id, "olga", "operator", "online", "csrf", "session")
        await sapar_desk(sapar).claim(handoff, olga)
        await sapar_desk(sapar).reply(handoff, olga, "Я оператор линии 189, слушаю вас.")
        line = page.locator(".msg--operator").last
        await expect(line.locator(".msg__bubble")).to_have_text(
            "Я оператор линии 189, слушаю вас.", timeout=WAIT_MS
        )
        await expect(line.locator(".msg__author")).to_have_text("Оператор горячей линии")
        # The bot's lines, the operator-joined notice among them, carry no operator label.
        assert await page.locator(".msg--operator").count() == 1
        await page.reload()  # the label survives a reload (the history)
        await expect(page.locator(".msg--operator .msg__author")).to_have_text(
            "Оператор горячей линии"
        )


async def test_issue_13_bidi_and_zero_width_characters_are_not_shown_in_chat(
    tmp_path: Path,
) -> None:
    async with phone(tmp_path, locale="ru-RU") as (page, _, _):
        await send(page, f"Позвоните 8{BIDI}800{ZERO_WIDTH}55 5")
        bubble = page.locator(".msg--in .msg__bubble").last
        await expect(bubble).to_have_text("Позвоните 880055 5")
        await expect(page.locator(".msg--out", has_text="Я Сапар")).to_be_visible(timeout=WAIT_MS)
        await page.reload()
        await expect(page.locator(".msg--in .msg__bubble").first).to_have_text("Позвоните 880055 5")
        shown = await page.locator(".chat__log").inner_text()
        assert "Позвоните 880055 5" in shown
        assert not set(shown) & set(BIDI + ZERO_WIDTH)
