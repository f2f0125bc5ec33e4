"""Cutting long replies into platform-sized messages, at a paragraph, line or word."""

from __future__ import annotations

from bot.types import Reply


def split(text: str, limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters, preferring natural breaks."""
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:  # no good break nearby: cut hard rather than send tiny pieces
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def split_reply(reply: Reply, limit: int) -> list[Reply]:
    """The messages a reply becomes; its buttons go under the last one."""
    pieces = split(reply.text, limit)
    last = len(pieces) - 1
    return [Reply(piece, reply.buttons if i == last else ()) for i, piece in enumerate(pieces)]
