"""`fanout.per_chat`: chats side by side, each chat in order, failures collected."""

from __future__ import annotations

import asyncio

from bot.channels.fanout import per_chat


async def test_each_chat_in_order_chats_side_by_side_up_to_the_limit() -> None:
    items = [(chat, n) for n in range(5) for chat in "abcdef"]
    seen: dict[str, list[int]] = {}
    running = most = 0

    async def handle(item: tuple[str, int]) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        seen.setdefault(item[0], []).append(item[1])
        await asyncio.sleep(0.001)
        running -= 1

    failed = await per_chat(items, chat=lambda i: i[0], handle=handle, limit=4)

    assert failed == [] and most == 4
    assert seen == {chat: [0, 1, 2, 3, 4] for chat in "abcdef"}


async def test_a_failure_is_returned_and_the_rest_of_its_chat_still_runs() -> None:
    done: list[int] = []

    async def handle(n: int) -> None:
        if n == 1:
            raise RuntimeError("bad message")
        done.append(n)

    failed = await per_chat([0, 1, 2, 3], chat=lambda n: "one chat", handle=handle)

    assert failed == [1] and done == [0, 2, 3]
