"""Helpers for browser tests: a real `python -m bot serve` and Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI containers has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # the machine has no network: avoid noisy retries
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> str:
    """Chromium's path, or skip (fail in CI, where SAPAR_TEST_REQUIRE_BROWSER=1)."""
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("SAPAR_TEST_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required here but not installed (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium); browser test skipped")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(tmp_path: Path, **env: str) -> Iterator[str]:
    """`python -m bot serve` on a free port with its own SQLite file; yields its base URL."""
    port = free_port()
    environ = {
        **os.environ,
        "SAPAR_DATABASE__URL": f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}",
        "SAPAR_OUTBOX__POLL_INTERVAL_SECONDS": "0.2",
        **env,
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "server.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
