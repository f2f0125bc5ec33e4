"""Sapar's Telegram webhook side by side with a bare aiogram echo bot, against one fake Bot API.

    .venv/bin/python bench/webhook_compare.py [--db sqlite|postgresql] [--processes 1|2]
        [--updates 1000] [--in-flight 32] [--chats 500] [--rounds 3]

Starts a fake Bot API (bench/compare/fake_api.py: answers every method, records each
sendMessage), the bare echo bot (bench/compare/echo_bot.py: FastAPI + uvicorn + aiogram, the
reply sent before the 200) and `python -m bot serve` (through bench/compare/counted_serve.py,
which counts database statements; one or two processes, chats spread over them). Each round
posts the same kind of text updates with fresh ids to each bot, the order of the two
alternating from round to round, and prints updates/s from the first post to the last reply
the fake saw, the webhook's p50/p99 latency, database statements per update (Sapar's, both
the receive and the sender's work) and the ratio Sapar/bare. At the end: lost, duplicated
and out-of-order replies (the fake's sends against the outbox rows, per chat), the cold start
to /healthz 200 and the serve process's RSS idle and high-water (/proc/PID/status). The bare
bot is always one process. BENCH_SAPAR_X=v in the bench's environment gives serve SAPAR_X=v
(to try a setting). Not a test: the figures depend on the machine and its load.

Figures, 2 cores shared with other sessions (load average 1-7 during the runs, so noisy),
SQLite, 1000 updates a round, 32 in flight, 500 chats, after a 500-update warm-up; each line
one run, Sapar and bare measured in the same run, rounds alternating:

    state of Sapar                          sapar/s   bare/s   ratio  p99 ms  stmts/update
    before (4cb4b63), load ~6                 39.6     498     0.08    4747      15.3
    transactions queued in process            93.8     526     0.18     556      15.3
    + synchronous=NORMAL, load ~4-5        94-104    468-574  0.16-0.22  590-685  15.2
    + a known chat locked in one statement  119-125    665-751  0.16-0.19  414-471  12.2
    + sent rows settled by group commit     145-147    654-803  0.18-0.22  453-524   9.4

PostgreSQL, after all of the above, 2 rounds each, load average ~2.5-3:

    1 serve process                         126-158    865-962  0.13-0.18  505-598    7.3
    2 serve processes (bare: 1 process)     206-222    720-1101 0.20-0.29  420-454    7.6
    2 processes, pool_size 32 (tried, kept 5) 110-120    545-650  0.17-0.22  927-1075   7.7

2026-12-02, shared 2-core machine, load average ~3 (so both bots ran far slower than above),
PostgreSQL, 2 serve processes, 2 rounds each, run back to back:

    c451a7c                                  55-78    273-358  0.20-0.22 1358-1546  9.5
    + one-round-trip ping, reads without       62-74    360-517  0.14-0.17 1085-1473  6.5
      BEGIN, dedupe in its insert, …  (webchat_load.py's docstring: 17.8 vs 21.3 ms/msg)

Three statements fewer per update, but no throughput gain this bench could tell from the
load's noise: the webhook's cost is elsewhere (aiogram's per-update model, HTTP).

0 lost, 0 duplicated, 0 out-of-order replies in every run. Serve cold start to /healthz 200
4.3-11.6 s (the load decides) and RSS ~350 MB idle, 354-377 MB high-water (the offer model
and its sentence embedder included), unchanged by the above. The warm-up (default: one
message per chat) keeps first contacts, which answer with more replies, out of the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import load, processes

POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test_speed"
BARE_CHATS, SAPAR_CHATS = 100_000, 200_000


async def reset_postgres(url: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def outbox(engine: AsyncEngine, after: int = 0) -> list[tuple[int, str, str, str]]:
    """(id, chat, text, status) of every outbox row after `after`, oldest first."""
    query = text("SELECT id, chat_id, payload, status FROM outbox WHERE id > :a ORDER BY id")
    async with engine.connect() as conn:
        rows = (await conn.execute(query, {"a": after})).all()
    decoded = ((r[0], r[1], r[2] if isinstance(r[2], dict) else json.loads(r[2])) for r in rows)
    return [(i, chat, payload["text"], status) for (i, chat, payload), (*_, status) in
            zip(decoded, rows, strict=True)]  # fmt: skip


class Bench:
    def __init__(self, args: argparse.Namespace, http: aiohttp.ClientSession) -> None:
        self.args, self.http = args, http
        self.fake = ""
        self.last_row = 0

    async def bare(self, echo: processes.Running, n: int, round_no: int) -> load.Round:
        batch = load.updates(n, self.args.chats, BARE_CHATS, round_no)
        since = len(await load.sends_since(self.http, self.fake, 0))
        began = time.monotonic()
        latencies = await load.post_all(self.http, [echo.url], batch, self.args.in_flight)
        sends = await load.wait_for(self.http, self.fake, since, lambda k: k >= n)
        return load.summary(latencies, began, sends)

    async def sapar(
        self, served: list[processes.Running], db: AsyncEngine, n: int, round_no: int
    ) -> tuple[load.Round, float]:
        batch = load.updates(n, self.args.chats, SAPAR_CHATS, round_no)
        since = len(await load.sends_since(self.http, self.fake, 0))
        statements = sum(s.statements() for s in served)
        began = time.monotonic()
        urls = [s.url for s in served]
        latencies = await load.post_all(self.http, urls, batch, self.args.in_flight)
        rows = await outbox(db, self.last_row)  # committed before each 200
        sends = await load.wait_for(self.http, self.fake, since, lambda k: k >= len(rows))
        while any(r[3] != "sent" for r in await outbox(db, self.last_row)):
            await asyncio.sleep(0.05)  # the sender's bookkeeping, counted in statements
        await asyncio.sleep(0.5)  # the counters are written five times a second
        self.last_row = max([self.last_row, *(r[0] for r in rows)])
        per_update = (sum(s.statements() for s in served) - statements) / n
        return load.summary(latencies, began, sends), per_update


def line(name: str, r: load.Round, extra: str = "") -> str:
    return (
        f"  {name:5} {r.updates} updates, {r.replies} replies: {r.per_second:7.1f} updates/s, "
        f"webhook p50 {r.p50_ms:6.1f} ms p99 {r.p99_ms:7.1f} ms{extra}"
    )


async def main(args: argparse.Namespace) -> None:
    print(f"load average before: {os.getloadavg()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        if args.db == "postgresql":
            url = args.postgres_url
            await reset_postgres(url)
        started: list[processes.Running] = []
        try:
            fake = await processes.start_fake(tmp)
            started.append(fake)
            api = fake.url
            echo = await processes.start_echo(api, tmp)
            started.append(echo)
            served = []
            for index in range(args.processes):  # one after the other: each migrates first
                served.append(await processes.start_sapar(url, api, tmp, index))
                started.append(served[-1])
            await asyncio.sleep(2)
            idle = [s.rss_mb() for s in served]
            colds = ", ".join(f"{s.started_in:.2f} s" for s in served)
            print(f"serve cold start to /healthz 200: {colds}; RSS idle {idle} MB")
            spy = processes.profile(served[0].process.pid, args.profile) if args.profile else None
            await run_rounds(args, fake, echo, served, url)
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(timeout=60)
                print(f"profile of the first serve process: {args.profile}")
            print(f"serve RSS high-water: {[round(s.rss_mb('VmHWM'), 1) for s in served]} MB")
        finally:
            for running in reversed(started):
                running.stop()
            if args.keep:
                shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
    print(f"load average after: {os.getloadavg()}")


async def run_rounds(
    args: argparse.Namespace,
    fake: processes.Running,
    echo: processes.Running,
    served: list[processes.Running],
    url: str,
) -> None:
    db = create_async_engine(url)
    connector = aiohttp.TCPConnector(limit=args.in_flight * 2)
    async with aiohttp.ClientSession(connector=connector) as http:
        bench = Bench(args, http)
        bench.fake = fake.url
        await bench.bare(echo, args.warmup, 0)  # connections, caches, first-contact dialogues
        await bench.sapar(served, db, args.warmup, 0)
        ratios = []
        for round_no in range(1, args.rounds + 1):
            print(f"round {round_no}:")
            results: dict[str, Any] = {}
            for name in ("bare", "sapar") if round_no % 2 else ("sapar", "bare"):
                if name == "bare":
                    results[name] = await bench.bare(echo, args.updates, round_no)
                    print(line(name, results[name]))
                else:
                    results[name], per = await bench.sapar(served, db, args.updates, round_no)
                    print(line(name, results[name], f", {per:.1f} DB statements/update"))
            ratios.append(results["sapar"].per_second / results["bare"].per_second)
            print(f"  ratio sapar/bare {ratios[-1]:.2f}")
        print(f"median ratio sapar/bare: {statistics.median(ratios):.2f} ({args.db}, "
              f"{args.processes} serve process(es))")  # fmt: skip
        await check(http, fake.url, db, args)
    await db.dispose()


async def check(
    http: aiohttp.ClientSession, fake: str, db: AsyncEngine, args: argparse.Namespace
) -> None:
    """Lost, duplicated and out-of-order replies over every round, both bots."""
    await asyncio.sleep(1)  # a duplicate would come late
    sends = await load.sends_since(http, fake, 0)
    got = load.by_chat(sends)
    bare_want: dict[str, list[str]] = {}
    for round_no in range(args.rounds + 1):
        n = args.warmup if round_no == 0 else args.updates
        for update in load.updates(n, args.chats, BARE_CHATS, round_no):
            bare_want.setdefault(str(update["message"]["chat"]["id"]), []).append(
                update["message"]["text"]
            )
    sapar_want = load.by_chat([(chat, words) for _, chat, words, _ in await outbox(db)])
    for name, want in (("bare", bare_want), ("sapar", sapar_want)):
        lost, dup, disorder = load.compare(want, {c: got.get(c, []) for c in want})
        print(f"{name}: {lost} lost, {dup} duplicated, {disorder} chats out of order")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres-url", default=POSTGRES)
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=32)
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, help="updates before timing (default: --chats)")
    parser.add_argument("--profile", type=Path, help="py-spy's collapsed stacks of serve go here")
    parser.add_argument("--keep", type=Path, help="copy the processes' logs here")
    arguments = parser.parse_args()
    if arguments.warmup is None:
        arguments.warmup = arguments.chats
    if arguments.processes == 2 and arguments.db != "postgresql":
        parser.error("two serve processes need --db postgresql")
    asyncio.run(main(arguments))
