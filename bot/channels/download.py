"""A file from a platform's server, read up to a size limit and never written to disk."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

import httpx

from bot.services.pictures.reader import DownloadFailed, TooLarge


async def read_limited(
    chunks: AsyncIterator[bytes], limit: int, *, announced: str | None = None
) -> bytes | None:
    """The chunks joined, or None as soon as they (or the announced length) pass `limit`."""
    if announced is not None and announced.isdigit() and int(announced) > limit:
        return None
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            return None  # the rest is never read
    return bytes(body)


async def download(
    url: str, *, limit: int, timeout: float, headers: Mapping[str, str] | None = None
) -> bytes:
    """The body at `url`, at most `limit` bytes.

    Raises:
        TooLarge: when the server announces or sends more than `limit` bytes.
        DownloadFailed: on any other failure (connection, timeout, an HTTP error status).
    """
    try:
        async with (
            httpx.AsyncClient(timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url, headers=dict(headers or {})) as response,
        ):
            if response.status_code != 200:
                raise DownloadFailed(f"HTTP {response.status_code}")
            body = await read_limited(
                response.aiter_bytes(), limit, announced=response.headers.get("content-length")
            )
            if body is None:
                raise TooLarge
            return body
    except httpx.HTTPError as exc:
        raise DownloadFailed(type(exc).__name__) from exc
