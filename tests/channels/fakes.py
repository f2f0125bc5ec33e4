"""Recording fakes of the Telegram Bot API and the WhatsApp Graph API, served on 127.0.0.1.

Both can be told to misbehave for the next N calls: answer 500, answer 429 with a wait, or
hold the call past the client's timeout. A misbehaving call is never counted as delivered:
it models a platform that did not take the message. A call is counted as delivered when
the fake answers it successfully.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    data: dict[str, Any]


@dataclass
class FakePlatform:
    """The behaviour shared by both fakes: faults, holds, a record of what got through."""

    # What the next sends meet, first first: "ok" | "500" | "429" | "timeout", and refusals
    # a retry would meet again: "403" (Telegram: blocked), "400" (no such chat / number),
    # "template" (Graph API: no such template in that language)
    faults: list[str] = field(default_factory=list)
    retry_after: int = 1
    timeout_seconds: float = 1.0
    held: bool = False  # while True every send waits (for a kill to land mid-delivery)
    hold_after: int | None = None  # become held once this many messages got through
    delay: float = 0.0  # seconds each accepted send takes
    waiting: int = 0  # sends now waiting in the hold
    accepting: int = 0  # sends past the hold, about to be accepted
    calls: list[Call] = field(default_factory=list)
    delivered: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    failures: int = 0
    url: str = ""
    _runner: web.AppRunner | None = None

    def fail_next(self, *modes: str) -> None:
        self.faults.extend(modes)

    def sent_messages(self) -> int:
        return sum(len(texts) for texts in self.delivered.values())

    async def _gate(self) -> str | None:
        """The fault to answer with, or None to accept; waits while held."""
        if self.hold_after is not None and self.sent_messages() >= self.hold_after:
            self.held = True
        while self.held:
            self.waiting += 1
            try:
                await asyncio.sleep(0.02)
            finally:
                self.waiting -= 1
        mode = self.faults.pop(0) if self.faults else "ok"
        if mode == "ok":
            self.accepting += 1
            try:
                await asyncio.sleep(self.delay)
            finally:
                self.accepting -= 1
            return None  # the caller records the message without awaiting anything first
        self.failures += 1
        if mode == "timeout":
            await asyncio.sleep(self.timeout_seconds)
        return mode

    async def start(self, app: web.Application) -> None:
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server  # aiohttp exposes the bound port only here
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self.held = False
        if self._runner is not None:
            await self._runner.cleanup()


class FakeTelegram(FakePlatform):
    """`POST /bot<token>/<method>` like api.telegram.org."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.updates: list[dict[str, Any]] = []  # served by getUpdates
        self.files: dict[str, bytes] = {}  # file_id → bytes, served by getFile and /file/
        self.file_sizes: dict[str, int] = {}  # a size getFile announces instead of the real one
        self.downloads: list[str] = []  # file paths fetched from /file/bot<token>/
        self._ids = itertools.count(1000)

    async def start_server(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        await self.start(app)
        return self

    def _get_file(self, data: dict[str, Any]) -> web.Response:
        file_id = str(data.get("file_id"))
        if file_id not in self.files:
            return _tg_error(400, "Bad Request: invalid file_id")
        size = self.file_sizes.get(file_id, len(self.files[file_id]))
        found = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size}
        return web.json_response({"ok": True, "result": found | {"file_path": f"p/{file_id}"}})

    async def _file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        self.downloads.append(path)
        data = self.files.get(path.removeprefix("p/"))
        return web.Response(status=404) if data is None else web.Response(body=data)

    async def _updates(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling: what is at or after `offset`, else an empty answer a little later."""
        offset = int(data.get("offset") or 0)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending:
            await asyncio.sleep(0.05)
        return pending

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def in_topic(self, thread_id: int) -> list[str]:
        """The texts sent into a forum topic, in order (as shown: HTML unescaped)."""
        return [
            html.unescape(c.data["text"])
            for c in self.of("sendMessage")
            if c.data.get("message_thread_id") == str(thread_id)
        ]

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _tg_error(401, "Unauthorized")
        method = request.match_info["method"]
        data = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        if method == "getUpdates":
            self.calls.append(Call(method, data))
            return web.json_response({"ok": True, "result": await self._updates(data)})
        if method == "getFile":
            self.calls.append(Call(method, data))
            return self._get_file(data)
        if method == "createForumTopic":  # a topic in a forum supergroup
            self.calls.append(Call(method, data))
            topic = {"message_thread_id": next(self._ids), "name": data["name"], "icon_color": 0}
            return web.json_response({"ok": True, "result": topic})
        if method != "sendMessage":
            self.calls.append(Call(method, data))
            return web.json_response({"ok": True, "result": True})
        mode = await self._gate()
        if mode == "429":
            return _tg_error(
                429,
                f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if mode == "403":
            return _tg_error(403, "Forbidden: bot was blocked by the user")
        if mode == "400":
            return _tg_error(400, "Bad Request: chat not found")
        if mode is not None:
            return _tg_error(500, "Internal Server Error")
        if _gone(request):
            return _tg_error(500, "client gone")
        self.calls.append(Call(method, data))
        chat_id = data["chat_id"]
        shown = html.unescape(data["text"]) if data.get("parse_mode") == "HTML" else data["text"]
        self.delivered[chat_id].append(shown)
        message = {
            "message_id": next(self._ids),
            "date": 1_700_000_000,
            "chat": {"id": int(chat_id), "type": "private"},
            "text": data["text"],
        }
        return web.json_response({"ok": True, "result": message})


def _gone(request: web.Request) -> bool:
    """The sender vanished while its call was held: the platform never took the message."""
    transport = request.transport
    return transport is None or transport.is_closing()


def _tg_error(code: int, description: str, parameters: Any = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


class FakeGraph(FakePlatform):
    """`POST /v21.0/<phone-number-id>/messages` like graph.facebook.com."""

    def __init__(self, token: str, phone_number_id: str) -> None:
        super().__init__()
        self.token = token
        self.phone_number_id = phone_number_id
        self.media: dict[str, bytes] = {}  # media id → bytes: GET /v21.0/<id>, then its URL
        self.media_sizes: dict[str, int] = {}  # a file_size announced instead of the real one
        self.downloads: list[str] = []  # media ids whose file was fetched
        self._ids = itertools.count(1)

    async def start_server(self) -> FakeGraph:
        app = web.Application()
        app.router.add_post("/v21.0/{phone}/messages", self._handle)
        app.router.add_get("/v21.0/{media_id}", self._media_url)
        app.router.add_get("/files/{media_id}", self._media_file)
        await self.start(app)
        self.url += "/v21.0"
        return self

    async def _media_url(self, request: web.Request) -> web.Response:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _graph_error(401, 190, "Invalid OAuth access token")
        media_id = request.match_info["media_id"]
        if media_id not in self.media:
            return _graph_error(404, 100, "Unsupported get request")
        size = self.media_sizes.get(media_id, len(self.media[media_id]))
        base = self.url.removesuffix("/v21.0")
        return web.json_response(
            {"url": f"{base}/files/{media_id}", "mime_type": "image/jpeg", "file_size": size}
            | {"id": media_id, "messaging_product": "whatsapp"}
        )

    async def _media_file(self, request: web.Request) -> web.Response:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return web.Response(status=401)  # Meta's media URLs need the token too
        media_id = request.match_info["media_id"]
        self.downloads.append(media_id)
        data = self.media.get(media_id)
        return web.Response(status=404) if data is None else web.Response(body=data)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _graph_error(401, 190, "Invalid OAuth access token")
        if request.match_info["phone"] != self.phone_number_id:
            return _graph_error(400, 100, "Unsupported post request")
        data = json.loads(await request.read())
        mode = await self._gate()
        if mode == "429":
            return _graph_error(429, 130429, "Rate limit hit", retry_after=self.retry_after)
        if mode == "400":
            return _graph_error(400, 131026, "Message undeliverable")
        if mode == "template" and data["type"] == "template":  # not approved in this language
            return _graph_error(
                404, 132001, "(#132001) Template name does not exist in the translation"
            )
        if mode == "429-date":  # Retry-After as an HTTP date, 2 s ahead
            return _graph_error(429, 130429, "Rate limit hit", retry_after=None, date=True)
        if mode is not None:
            return _graph_error(500, 1, "An unknown error occurred")
        if _gone(request):
            return _graph_error(500, 1, "client gone")
        self.calls.append(Call(data["type"], data))
        message_id = f"wamid.fake{next(self._ids)}"
        self.delivered[data["to"]].append(_visible_text(data))
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": data["to"], "wa_id": data["to"]}],
                "messages": [{"id": message_id}],
            }
        )


def _visible_text(data: dict[str, Any]) -> str:
    if data["type"] == "template":  # what the user sees is the approved text, not ours
        template = data["template"]
        return f"template:{template['name']}:{template['language']['code']}"
    if data["type"] == "text":
        return str(data["text"]["body"])
    return str(data["interactive"]["body"]["text"])


def _graph_error(
    status: int, code: int, message: str, retry_after: int | None = None, date: bool = False
) -> Any:
    headers = {"retry-after": str(retry_after)} if retry_after else None
    if date:
        headers = {"retry-after": format_datetime(datetime.now(UTC) + timedelta(seconds=2), True)}
    body = {"error": {"message": message, "type": "OAuthException", "code": code}}
    return web.json_response(body, status=status, headers=headers)
