"""`chat`: talk to the bot in the terminal; `chat --jsonl` is the machine contract.

Input lines: {"user": "<id>", "text": "<text>"} or {"user": "<id>", "button": "<payload>"}.
Output: exactly one JSON object per input line; {"error": "…"} for a bad line, and the run
goes on. Each user is a conversation kept for the whole run, in a temporary database unless
--db is given. Nothing else is written to stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.app import Sapar, build
from bot.channels.boundary import admit
from bot.channels.terminal import CHANNEL, TerminalDeliverer
from bot.cli.nlu_hook import classifier_factory
from bot.settings import DatabaseSettings, Settings, load_settings
from bot.storage import migrate
from bot.types import ConversationKey, MessageKind, UserMessage

log = logging.getLogger(__name__)
MAX_USER_ID = 128
RUN_ID = uuid.uuid4().hex[:12]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("chat", help="talk to the bot in the terminal")
    parser.add_argument("--jsonl", action="store_true", help="JSON lines in and out")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="sapar-chat-") as tmp:
        url = args.db or f"sqlite+aiosqlite:///{Path(tmp) / 'chat.db'}"
        settings = settings.model_copy(update={"database": DatabaseSettings(url=url)})
        return asyncio.run(_run(settings, jsonl=args.jsonl))


async def _run(settings: Settings, *, jsonl: bool) -> int:
    terminal = TerminalDeliverer()
    sapar = build(
        settings, extra_deliverers={CHANNEL: terminal}, classifier=classifier_factory(settings)
    )
    await migrate.upgrade(sapar.db)
    try:
        if jsonl:
            await _jsonl(sapar, terminal, sys.stdin, sys.stdout)
        else:
            await _interactive(sapar, terminal)
    finally:
        await sapar.db.dispose()
    return 0


def parse_line(line: str) -> tuple[str, str, str | None]:
    """(user, text, button) of one input line; ValueError says what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    user, text, button = data.get("user"), data.get("text", ""), data.get("button")
    if not isinstance(user, str) or not user.strip() or len(user) > MAX_USER_ID:
        raise ValueError(f'"user" must be a non-empty string of at most {MAX_USER_ID} characters')
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    if button is not None and not isinstance(button, str):
        raise ValueError('"button" must be a string')
    if button is None and "text" not in data:
        raise ValueError('give "text" or "button"')
    return user, text, button


async def say(
    sapar: Sapar, terminal: TerminalDeliverer, n: int, user: str, text: str, button: str | None
) -> dict[str, Any]:
    """Send one message through the real pipeline and collect what was delivered."""
    message = admit(  # typed or piped text reaches the database like a platform's
        UserMessage(
            key=ConversationKey(CHANNEL, user),
            external_id=f"{RUN_ID}-{n}",  # unique across runs that share a --db
            received_at=datetime.now(UTC),
            text=text,
            button=button,
            kind=MessageKind.BUTTON if button is not None else MessageKind.TEXT,
        )
    )
    outcome = await sapar.conversations.receive(message)
    await sapar.sender.run_once()
    return {
        "user": user,
        "replies": [reply.to_dict() for reply in terminal.take(user)],
        "language": outcome.language,
        "intent": outcome.intent,
        "risk_level": outcome.risk_level,
        "escalated": outcome.escalated,
    }


async def _jsonl(sapar: Sapar, terminal: TerminalDeliverer, src: TextIO, out: TextIO) -> None:
    for n, line in enumerate(src, start=1):
        if not line.strip():
            continue
        try:
            user, text, button = parse_line(line)
            result = await say(sapar, terminal, n, user, text, button)
        except ValueError as exc:
            result = {"error": str(exc)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


async def _interactive(sapar: Sapar, terminal: TerminalDeliverer) -> None:
    buttons: list[str] = []
    for n, line in enumerate(sys.stdin, start=1):
        text = line.rstrip("\n")
        button = None
        if text.strip().isdigit() and 0 < int(text) <= len(buttons):
            button = buttons[int(text) - 1]
        result = await say(sapar, terminal, n, "terminal", text, button)
        buttons = []
        for reply in result["replies"]:
            sys.stdout.write(reply["text"] + "\n")
            for b in reply["buttons"]:
                buttons.append(b["payload"])
                sys.stdout.write(f"  [{len(buttons)}] {b['title']}\n")
        sys.stdout.write("\n")
        sys.stdout.flush()
