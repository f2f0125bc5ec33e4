"""In real headless Chromium: an editor changes a Kyrgyz answer, publishes it, and the web
chat gives the new text for the same question, with no restart in between.

The server runs in this process (uvicorn on a free port), as `serve` composes it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from playwright.async_api import Page, async_playwright, expect

from bot.app import build
from bot.settings import load_settings
from bot.web.app import create_app
from tests.browser import CHROMIUM_ARGS, free_port, require_chromium
from tests.conftest import keyword_classifier

PASSWORD = "editor-password-1"
OLD = "Жолго чыгаар алдында даярдаңыз"
NEW = "Жаңыланган жооп: паспортуңуздун мөөнөтүн текшериңиз жана көчүрмөсүн үйдө калтырыңыз."
WAIT_MS = 20_000


@asynccontextmanager
async def serving(tmp_path: Path) -> AsyncIterator[tuple[str, FastAPI]]:
    settings = load_settings(
        database={"url": f"sqlite+aiosqlite:///{tmp_path / 'admin-e2e.db'}"},
        outbox={"poll_interval_seconds": 0.2},
        web={"long_poll_seconds": 5.0},
        nlu={"cache_dir": str(tmp_path / "cache")},
    )
    sapar = build(settings, classifier=lambda: keyword_classifier)
    app = create_app(sapar)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, lifespan="on", ws="none",
        timeout_graceful_shutdown=2,
    )  # fmt: skip
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(600):  # at most 60 s for migrations, seeding and start-up
            if server.started or task.done():
                break
            await asyncio.sleep(0.1)
        assert server.started, "the server did not start"
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


async def ask(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.click("#send")


async def test_an_edited_kyrgyz_answer_reaches_the_web_chat_without_a_restart(
    tmp_path: Path,
) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("aida", PASSWORD, "editor")
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            chat = await (await browser.new_context()).new_page()
            await chat.goto(base + "/")
            await ask(chat, "Саламатсызбы")
            await chat.get_by_role("button", name="Кыргызча").first.click()
            await expect(chat.locator(".msg--out .msg__bubble").last).to_contain_text(
                "кыргызча", timeout=WAIT_MS
            )
            await ask(chat, "документ")
            answer = chat.locator(".msg--out .msg__bubble").last
            await expect(answer).to_contain_text(OLD, timeout=WAIT_MS)

            editor = await (await browser.new_context()).new_page()
            errors: list[str] = []
            editor.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            await editor.goto(base + "/admin")  # sent to the admin's login
            await editor.fill("#username", "aida")
            await editor.fill("#password", PASSWORD)
            await editor.click("#login")
            await expect(editor.get_by_role("heading", name="Содержание бота")).to_be_visible()
            await editor.click("text=Ответы")
            await editor.fill('input[name="q"]', "паспорт")
            await editor.click("text=Найти")
            await editor.click('a[href="/admin/answers/documents"]')
            await editor.fill('textarea[name="short_ky"]', NEW)
            await editor.click("text=Сохранить черновик")
            await expect(editor.get_by_role("status")).to_contain_text("черновик")
            await expect(editor.locator('.phone[data-lang="ky"] .bubble')).to_have_text(NEW)

            await ask(chat, "документ")  # a draft is not live
            await expect(chat.locator(".msg--out .msg__bubble").last).to_contain_text(
                OLD, timeout=WAIT_MS
            )

            await editor.click('button[name="publish"]')
            await expect(editor.locator("table.diff")).to_contain_text(NEW)
            await expect(editor.get_by_text("опубликовано").first).to_be_visible()

            await ask(chat, "документ")
            await expect(chat.locator(".msg--out .msg__bubble").last).to_have_text(
                NEW, timeout=WAIT_MS
            )
            await editor.screenshot(path=str(tmp_path / "admin.png"))
            assert errors == []
        finally:
            await browser.close()
