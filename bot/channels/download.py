"""A file from a platform's server, read up to a size limit and never written to disk."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from bot.services.pictures.reader import DownloadFailed, TooLarge


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
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > limit:
                raise TooLarge
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise TooLarge
            return bytes(body)
    except httpx.HTTPError as exc:
        raise DownloadFailed(type(exc).__name__) from exc
