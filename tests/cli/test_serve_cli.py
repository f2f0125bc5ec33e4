"""`serve` hands uvicorn the limits from `web:` and the log format from `log:`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.cli import main, serve
from bot.web.slow_clients import DeadlineH11Protocol


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """What `serve` passed to uvicorn.run and to the log set-up, without serving."""
    seen: dict[str, Any] = {}
    monkeypatch.setenv("SAPAR_DATABASE__URL", f"sqlite+aiosqlite:///{tmp_path / 's.db'}")
    monkeypatch.setattr(serve, "classifier_factory", lambda settings: None)
    monkeypatch.setattr(serve.logs, "configure", lambda kind: seen.update(log=kind))
    monkeypatch.setattr(serve.uvicorn, "run", lambda app, **kwargs: seen.update(kwargs))
    return seen


def test_serve_passes_the_configured_limits_to_uvicorn(
    started: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in {
        "HEADER_TIMEOUT_SECONDS": "7",
        "BODY_TIMEOUT_SECONDS": "11",
        "KEEP_ALIVE_SECONDS": "3",
        "MAX_HEADER_BYTES": "8192",
        "LIMIT_CONCURRENCY": "500",
    }.items():
        monkeypatch.setenv(f"SAPAR_WEB__{key}", value)
    monkeypatch.setenv("SAPAR_LOG__FORMAT", "json")
    assert main(["serve", "--port", "8123"]) == 0
    protocol = started["http"]
    assert issubclass(protocol, DeadlineH11Protocol)
    assert (protocol.header_timeout, protocol.body_timeout) == (7.0, 11.0)
    assert started["h11_max_incomplete_event_size"] == 8192
    assert started["timeout_keep_alive"] == 3
    assert started["limit_concurrency"] == 500
    assert started["port"] == 8123
    assert started["access_log"] is False  # Sapar's own access line replaces uvicorn's
    assert started["log"] == "json"


def test_serve_has_limits_without_any_configuration(started: dict[str, Any]) -> None:
    assert main(["serve"]) == 0
    assert started["http"].header_timeout == 10.0
    assert started["http"].body_timeout == 30.0
    assert started["h11_max_incomplete_event_size"] == 16_384
    assert started["timeout_keep_alive"] == 5
    assert started["limit_concurrency"] is None  # long polls hold connections: opt in
    assert started["log"] == "text"
