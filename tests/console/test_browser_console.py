"""End to end in real headless Chromium: a web chat user, an operator, and back to the bot.

The server runs in this process (uvicorn on a free port) with the console installed, so the
test does not depend on how `python -m bot serve` composes the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from playwright.async_api import Browser, Page, async_playwright, expect

from bot.app import build
from bot.cli.nlu_hook import classifier_factory
from bot.settings import load_settings
from bot.web.app import create_app
from tests.browser import CHROMIUM_ARGS, free_port, require_chromium

PASSWORD = "operator-password-1"
XSS = "<img src=x onerror=alert(1)>"
WAIT_MS = 20_000


@asynccontextmanager
async def serving(
    tmp_path: Path, *, nlu: bool = False, operators: dict[str, object] | None = None
) -> AsyncIterator[tuple[str, object]]:
    """The app on a free port; with `nlu`, the trained intent classifier `serve` uses;
    `operators`: more of config.yml's operators section."""
    settings = load_settings(
        database={"url": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}"},
        outbox={"poll_interval_seconds": 0.2},
        web={"long_poll_seconds": 5.0},
        operators={"live_stream_seconds": 5.0, **(operators or {})},
    )
    sapar = build(settings, classifier=classifier_factory(settings) if nlu else None)
    app = create_app(sapar)  # with the console, as `serve` builds it
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_config=None,
        lifespan="on",
        ws="none",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(600):  # at most 60 s for migrations and start-up
            if server.started or task.done():
                break
            await asyncio.sleep(0.1)
        assert server.started, "the server did not start"
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 30)


async def send(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.click("#send")


async def test_user_operator_and_bot_again(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("olga", PASSWORD, "operator")  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            dialogs: list[str] = []
            operator = await (await browser.new_context()).new_page()
            operator.on("dialog", lambda d: dialogs.append(d.message))
            errors: list[str] = []
            operator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            await operator.goto(base + "/console")
            await operator.fill("#username", "olga")
            await operator.fill("#password", PASSWORD)
            await operator.click("#login")
            await expect(operator.locator("h1")).to_have_text("Очередь")
            await expect(operator.locator("#live")).to_have_text("в сети", timeout=WAIT_MS)
            await operator.evaluate("window.notReloaded = true")

            user = await (await browser.new_context()).new_page()
            await user.goto(base + "/")
            await send(user, "Здравствуйте")
            ask = user.get_by_role("button", name="Поговорить с человеком").last
            await ask.click()
            await expect(user.locator(".msg--out .msg__bubble").last).to_contain_text(
                "оператор", timeout=WAIT_MS
            )

            # The chat appears in the operator's queue live, without a reload.
            row = operator.locator("#queue tr[data-handoff]")
            await expect(row).to_have_count(1, timeout=WAIT_MS)
            await expect(row).to_contain_text("Просит человека")
            assert await operator.evaluate("window.notReloaded === true")

            await row.get_by_role("button", name="Взять").click()
            await expect(operator.locator("#reply-text")).to_be_visible()
            await operator.fill("#reply-text", "Здравствуйте! Я оператор линии 189. Чем помочь?")
            await operator.click("#reply-send")
            await expect(operator.locator("#reply-status")).to_have_text("Отправлено")

            # The user sees the operator's reply in the web chat.
            await expect(user.locator(".msg--out .msg__bubble").last).to_have_text(
                "Здравствуйте! Я оператор линии 189. Чем помочь?", timeout=WAIT_MS
            )
            # What the user writes now reaches the operator live, and stays text.
            await send(user, XSS)
            line = operator.locator("#transcript .line--in .line__text").last
            await expect(line).to_have_text(XSS, timeout=WAIT_MS)
            assert await operator.locator("#transcript img").count() == 0

            await operator.select_option("#outcome", "advised")
            await operator.click("#close")
            await expect(operator.locator("h1")).to_have_text("Очередь")
            await expect(operator.locator("#queue")).to_contain_text("Очередь пуста")
            # The closing line, then the satisfaction question (issue 15) as the last bubble.
            closing = user.locator(".msg--out .msg__bubble", has_text="Оператор завершил разговор")
            await expect(closing).to_have_count(1, timeout=WAIT_MS)
            await expect(user.locator(".msg--out .msg__bubble").last).to_contain_text(
                "Помог ли вам оператор?", timeout=WAIT_MS
            )

            # The bot answers the next message again.
            await send(user, "/help")
            await expect(user.locator(".msg--out .msg__bubble").last).to_contain_text(
                "Я проверяю вакансии", timeout=WAIT_MS
            )
            assert dialogs == []
            assert not [e for e in errors if "Content Security Policy" in e], errors
            await operator.screenshot(path=str(tmp_path / "console.png"))
        finally:
            await browser.close()


# Records notifications and sounds instead of showing and playing them (headless Chromium
# has neither a notification centre nor speakers).
RECORDERS = """
window.__notes = []; window.__beeps = 0;
window.Notification = class {
  constructor(title) { window.__notes.push(title); }
  static get permission() { return "granted"; }
  static requestPermission() { return Promise.resolve("granted"); }
};
window.AudioContext = class {
  constructor() { this.currentTime = 0; this.destination = {}; }
  createGain() { return { gain: {}, connect() {} }; }
  createOscillator() {
    return { frequency: {}, connect(g) { return g; }, start() { window.__beeps++; }, stop() {} };
  }
};
"""


async def recording_operator(browser: Browser, base: str, *, fake_clock: bool = False) -> Page:
    """Olga logged in, on a page that records notifications and sounds (and whose clock
    the test moves, with `fake_clock`)."""
    context = await browser.new_context()
    await context.add_init_script(RECORDERS)
    operator = await context.new_page()
    if fake_clock:
        await operator.clock.install()
    await operator.goto(base + "/console/login")
    await operator.fill("#username", "olga")
    await operator.fill("#password", PASSWORD)
    await operator.click("#login")
    return operator


async def test_a_new_emergency_rings_and_notifies_the_operator(tmp_path: Path) -> None:
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("olga", PASSWORD, "operator")  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            operator = await recording_operator(browser, base)
            await expect(operator.locator("#live")).to_have_text("в сети", timeout=WAIT_MS)

            user = await (await browser.new_context()).new_page()
            await user.goto(base + "/")
            await send(user, "Здравствуйте")
            await user.get_by_role("button", name="Я в опасности").last.click()

            row = operator.locator("#queue tr.row--emergency")
            await expect(row).to_have_count(1, timeout=WAIT_MS)
            await expect(row).to_contain_text("Опасность сейчас")
            await operator.wait_for_function("window.__notes.length > 0", timeout=WAIT_MS)
            assert await operator.evaluate("window.__notes") == ["Экстренный чат"]
            assert await operator.evaluate("window.__beeps") >= 1
        finally:
            await browser.close()


# The operator's clock runs 125 minutes ahead, so console.js's own waiting time shows hours.
AHEAD = "const realNow = Date.now; Date.now = () => realNow() + 125 * 60000;"


async def test_a_kyrgyz_operator_sees_the_labels_and_waiting_time_in_kyrgyz(
    tmp_path: Path,
) -> None:
    """The labels come from content in the browser's language, also where console.js ticks."""
    chromium = require_chromium()
    async with serving(tmp_path) as (base, app), async_playwright() as pw:
        await app.state.console.staff.add("aida", PASSWORD, "operator")  # type: ignore[attr-defined]
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            user = await (await browser.new_context()).new_page()
            await user.goto(base + "/")
            await send(user, "Здравствуйте")
            await user.get_by_role("button", name="Поговорить с человеком").last.click()
            await expect(user.locator(".msg--out .msg__bubble").last).to_contain_text(
                "оператор", timeout=WAIT_MS
            )

            context = await browser.new_context(extra_http_headers={"accept-language": "ky"})
            await context.add_init_script(AHEAD)
            operator = await context.new_page()
            errors: list[str] = []
            operator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            await operator.goto(base + "/console/login")
            await operator.fill("#username", "aida")
            await operator.fill("#password", PASSWORD)
            await operator.click("#login")
            await expect(operator.locator(".top__me")).to_have_text("aida · оператор")

            row = operator.locator("#queue tr[data-handoff]")
            await expect(row).to_have_count(1, timeout=WAIT_MS)
            await expect(row).to_contain_text("Адам менен сүйлөшкүсү келет")
            await expect(row.locator("time.waited")).to_have_text("2 саат 05 мүн.")
            assert errors == []
        finally:
            await browser.close()
