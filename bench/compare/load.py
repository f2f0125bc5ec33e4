"""One round of the comparison: post Telegram text updates, wait for the replies, count them."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

TEXTS = ["Саламатсызбы", "Здравствуйте", "Хочу работать в России", "Сколько стоит патент?"]
SECRET_HEADER = {"x-telegram-bot-api-secret-token": "bench-secret"}
IDS = itertools.count(1)  # message and update ids, fresh in every round for every bot


@dataclass(frozen=True)
class Round:
    """What one round measured."""

    updates: int
    replies: int
    per_second: float  # updates, from the first post to the last reply seen by the fake
    p50_ms: float
    p99_ms: float


def updates(count: int, chats: int, first_chat: int, round_no: int) -> list[dict[str, Any]]:
    """`count` private text updates, round-robin over `chats` chats, with ids never used."""
    made = []
    for i in range(count):
        chat, n = first_chat + i % chats, next(IDS)
        message = {
            "message_id": n,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "B", "language_code": "ru"},
            "date": int(time.time()),
            "text": TEXTS[(i // chats + round_no) % len(TEXTS)],
        }
        made.append({"update_id": n, "message": message})
    return made


async def post_all(
    http: aiohttp.ClientSession,
    urls: Sequence[str],
    batch: list[dict[str, Any]],
    in_flight: int,
) -> list[float]:
    """Post every update (chat c to urls[c % len(urls)]); a chat's next waits for its 200."""
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for update in batch:
        queue.put_nowait(update)
    locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
    latencies: list[float] = []

    async def worker() -> None:
        while not queue.empty():
            update = queue.get_nowait()
            chat = update["message"]["chat"]["id"]
            async with locks[chat]:  # taken before any await: a chat's posts keep their order
                url = urls[chat % len(urls)] + "/telegram/webhook"
                began = time.monotonic()
                async with http.post(url, json=update, headers=SECRET_HEADER) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"{url} answered {response.status}")
                latencies.append(time.monotonic() - began)

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return latencies


async def sends_since(http: aiohttp.ClientSession, fake: str, since: int) -> list[list[Any]]:
    async with http.get(f"{fake}/stats", params={"since": str(since)}) as response:
        sends: list[list[Any]] = (await response.json())["sends"]
        return sends


async def wait_for(
    http: aiohttp.ClientSession, fake: str, since: int, done: Callable[[int], bool]
) -> list[list[Any]]:
    """The fake's sends from `since` on, once `done(their number)` or after 120 s."""
    deadline = time.monotonic() + 120
    while True:
        sends = await sends_since(http, fake, since)
        if done(len(sends)) or time.monotonic() > deadline:
            return sends
        await asyncio.sleep(0.02)


def summary(latencies: list[float], began: float, sends: list[list[Any]]) -> Round:
    ms = sorted(t * 1000 for t in latencies)
    last = max((s[2] for s in sends), default=time.monotonic())
    return Round(
        updates=len(latencies),
        replies=len(sends),
        per_second=len(latencies) / (last - began),
        p50_ms=statistics.median(ms),
        p99_ms=ms[min(len(ms) - 1, int(len(ms) * 0.99))],
    )


def compare(expected: dict[str, list[str]], got: dict[str, list[str]]) -> tuple[int, int, int]:
    """(lost, duplicated, chats out of order) between the replies meant and those sent."""
    lost = duplicated = disordered = 0
    for chat in expected.keys() | got.keys():
        want, have = Counter(expected.get(chat, [])), Counter(got.get(chat, []))
        lost += sum((want - have).values())
        duplicated += sum((have - want).values())
        if want == have and expected.get(chat) != got.get(chat):
            disordered += 1
    return lost, duplicated, disordered


def by_chat(pairs: Sequence[Sequence[Any]]) -> dict[str, list[str]]:
    """Texts per chat, in the order given."""
    chats: defaultdict[str, list[str]] = defaultdict(list)
    for chat, text, *_ in pairs:
        chats[str(chat)].append(str(text))
    return dict(chats)
