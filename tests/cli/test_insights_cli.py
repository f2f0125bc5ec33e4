"""`python -m bot insights export`: the page's tables as CSV files, small cells as "< 5"."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage import migrate
from bot.storage.database import Database
from tests.insights.seed import seed


def seeded(url: str) -> str:
    async def run() -> str:
        db = Database(url)
        try:
            await migrate.upgrade(db)
            return (await seed(db)).isoformat()
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_export_writes_every_table_for_the_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'export.db'}"
    monkeypatch.setenv("SAPAR_DATABASE__URL", url)
    today = seeded(url)
    out = tmp_path / "reports"
    start = "2020-01-01"
    assert main(["insights", "export", "--from", start, "--to", today, "--out", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 9 and f"insights-levels-{start}-{today}.csv" in written
    assert str(out) in capsys.readouterr().out
    with (out / f"insights-levels-{start}-{today}.csv").open(encoding="utf-8") as f:
        levels = {r["level"]: r["count"] for r in csv.DictReader(f)}
    assert levels == {"critical": "< 5", "high": "25", "medium": "12"}
    korea = out / "korea"
    assert main(["insights", "export", "--from", start, "--to", today, "--out", str(korea),
                 "--country", "KR"]) == 0  # fmt: skip
    text = (korea / f"insights-levels-{start}-{today}.csv").read_text(encoding="utf-8")
    assert text.splitlines() == ["level,count", "medium,12"]


def test_export_refuses_a_bad_period_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SAPAR_DATABASE__URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    assert main(["insights", "export", "--from", "2026-02-30", "--out", str(tmp_path)]) == 2
    assert "from: not a day written YYYY-MM-DD" in capsys.readouterr().err
    assert main(["insights", "export", "--from", "2026-12-02", "--to", "2026-12-01"]) == 2
    assert "starts after it ends" in capsys.readouterr().err
    assert list(tmp_path.glob("*.csv")) == []
