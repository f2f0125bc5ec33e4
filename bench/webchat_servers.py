"""`python -m bot serve` processes on a fresh database for bench/webchat_load.py.

Starts them one after another (the first migrates the schema), measures their CPU from
/proc, and reads the replies back from the database after the run.
"""

from __future__ import annotations

import asyncio
import bisect
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from types import TracebackType

import aiohttp
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage.database import Database
from bot.storage.models import Message, OutboxRow

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


class Servers:
    """Sapar's web processes on one database; `pick()` is the load balancer."""

    def __init__(
        self, db: str, processes: int, postgres_url: str | None, port: int, root: Path = ROOT
    ) -> None:
        self.root = root  # another checkout (an older commit) to compare with
        self.kind = db
        self.processes = processes
        self.admin_url = postgres_url
        self.ports = [port + i for i in range(processes)]
        self.tmp = tempfile.TemporaryDirectory()
        self.url = f"sqlite+aiosqlite:///{self.tmp.name}/bench.db"
        self.procs: list[subprocess.Popen[bytes]] = []

    def pick(self) -> str:
        return f"http://127.0.0.1:{random.choice(self.ports)}"

    async def __aenter__(self) -> Servers:
        if self.kind == "postgresql":
            assert self.admin_url
            name = f"sapar_bench_{uuid.uuid4().hex[:8]}"
            await self._admin(f'CREATE DATABASE "{name}"')
            self.url = make_url(self.admin_url).set(database=name).render_as_string(False)
        for port in self.ports:
            self.procs.append(self._start(port))
            await self._ready(port)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait(30)
        if self.kind == "postgresql":
            name = make_url(self.url).database
            await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.tmp.cleanup()

    def _start(self, port: int) -> subprocess.Popen[bytes]:
        env = os.environ | {"SAPAR_DATABASE__URL": self.url}
        if (self.root / "bot/settings/webchat.py").exists():  # commits before it had no limit
            env["SAPAR_WEBCHAT__NEW_CHATS_PER_WINDOW"] = str(10**9)  # the bench is one address
        log = Path(self.tmp.name, f"serve-{port}.log").open("wb")  # noqa: SIM115 - the child's
        command = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
        return subprocess.Popen(command, cwd=self.root, env=env, stdout=log, stderr=log)

    async def _ready(self, port: int, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.3)
        log = Path(self.tmp.name, f"serve-{port}.log").read_text(errors="replace")
        raise RuntimeError(f"serve on port {port} did not get ready:\n{log[-3000:]}")

    async def _admin(self, statement: str) -> None:
        engine = create_async_engine(self.admin_url or "", isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(statement))
        await engine.dispose()

    ticks_per_second = TICKS

    def cpu_ticks(self) -> int:
        total = 0
        for proc in self.procs:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total

    async def cpu_percent(self, seconds: float) -> float:
        """The servers' CPU over the next `seconds`, in % of one core (summed)."""
        before, started = self.cpu_ticks(), time.monotonic()
        await asyncio.sleep(seconds)
        used = (self.cpu_ticks() - before) / TICKS
        return 100 * used / (time.monotonic() - started)

    async def unsettled(self) -> int:
        """Replies not yet handed over (pending) or being sent."""
        db = Database(self.url)
        try:
            async with db.transaction() as session:
                query = select(func.count()).where(OutboxRow.status.in_(("pending", "sending")))
                return int(await session.scalar(query) or 0)
        finally:
            await db.dispose()

    async def replies(self) -> dict[str, list[tuple[int, int]]]:
        """Every web-chat reply by chat: (row id, index of the user's message it answers)."""
        db = Database(self.url)
        try:
            async with db.transaction() as session:
                said = await session.execute(
                    select(Message.conversation_id, Message.created_at)
                    .where(Message.direction == "in")
                    .order_by(Message.id)
                )
                rows = await session.execute(
                    select(OutboxRow.id, OutboxRow.chat_id, OutboxRow.conversation_id)
                    .add_columns(OutboxRow.created_at)
                    .where(OutboxRow.channel == "webchat")
                    .order_by(OutboxRow.id)
                )
        finally:
            await db.dispose()
        inbound: dict[int, list[object]] = defaultdict(list)
        for conversation_id, at in said.all():
            inbound[conversation_id].append(at)
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row_id, chat_id, conversation_id, at in rows.all():
            index = bisect.bisect_right(inbound[conversation_id], at) - 1  # type: ignore[arg-type]
            found[chat_id].append((row_id, index))
        return found
