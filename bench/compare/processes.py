"""Starting the comparison's processes and reading what /proc says about them."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TOKEN = "1:bench"
SECRET = "bench-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Running:
    """One started process: where it listens, how long it took to answer, its log."""

    process: subprocess.Popen[bytes]
    url: str
    started_in: float = 0.0  # seconds from exec to the first 200 of its health URL
    count_file: Path | None = None  # counted serve only: statements so far

    def rss_mb(self, field: str = "VmRSS") -> float:
        """Resident memory now (VmRSS) or its high-water mark (VmHWM), from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
        raise LookupError(field)

    def statements(self) -> int:
        assert self.count_file is not None
        text = self.count_file.read_text() if self.count_file.exists() else ""
        return int(text or 0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def start(
    argv: list[str], health: str, log: Path, env: dict[str, str] | None = None, port: int = 0
) -> Running:
    """Run `argv` (python and its arguments) and wait for `health` to answer 200."""
    with log.open("ab") as out:
        began = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, *argv], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        while time.monotonic() - began < 300:
            try:
                async with http.get(url + health) as response:
                    if response.status == 200:
                        return Running(process, url, time.monotonic() - began)
            except aiohttp.ClientError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"{argv} exited: {log.read_text()[-3000:]}")
            await asyncio.sleep(0.01)
    process.kill()
    raise RuntimeError(f"{argv} did not answer within 300 s")


def sapar_env(db_url: str, api_base: str) -> dict[str, str]:
    """`serve`'s environment: the bench's database, Telegram by webhook through the fake."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAPAR_")}
    env.update(
        SAPAR_DATABASE__URL=db_url,
        SAPAR_TELEGRAM__TOKEN=TOKEN,
        SAPAR_TELEGRAM__WEBHOOK_SECRET=SECRET,
        SAPAR_TELEGRAM__MODE="webhook",
        SAPAR_TELEGRAM__API_BASE=api_base,
    )
    env.update(
        {k[len("BENCH_") :]: v for k, v in os.environ.items() if k.startswith("BENCH_SAPAR_")}
    )
    return env


async def start_sapar(db_url: str, api_base: str, tmp: Path, index: int) -> Running:
    port = free_port()
    count_file = tmp / f"statements-{index}"
    argv = [str(HERE / "counted_serve.py"), str(count_file), "serve", "--port", str(port)]
    env = sapar_env(db_url, api_base)
    running = await start(argv, "/healthz", tmp / f"sapar-{index}.log", env, port)
    running.count_file = count_file
    return running


async def start_fake(tmp: Path) -> Running:
    port = free_port()
    return await start(
        [str(HERE / "fake_api.py"), str(port)], "/stats", tmp / "fake.log", port=port
    )


async def start_echo(api_base: str, tmp: Path) -> Running:
    port = free_port()
    argv = [str(HERE / "echo_bot.py"), str(port), api_base]
    return await start(argv, "/healthz", tmp / "echo.log", port=port)


def profile(pid: int, out: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling `pid` into `out` (collapsed stacks, one line each) until interrupted."""
    py_spy = Path(sys.executable).with_name("py-spy")
    argv = [str(py_spy), "record", "--pid", str(pid), "--format", "raw", "--output", str(out)]
    argv += ["--rate", "200", "--nonblocking"]  # on-CPU samples only
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
