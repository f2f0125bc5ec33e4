"""`serve`'s purge job: jittered waits, one purge between them, a count in the log and no more."""

from __future__ import annotations

import asyncio
import logging
import random

import pytest

from bot.services.retention import PurgeResult, RetentionService
from bot.services.retention_job import PurgeJob
from bot.settings.privacy import PrivacySettings
from bot.storage.database import Database


class Purges(RetentionService):
    """A retention service whose purge only counts its calls."""

    def __init__(self, settings: PrivacySettings, deleted: int = 3) -> None:
        super().__init__(Database("sqlite+aiosqlite:///:memory:"), settings)
        self.calls = 0
        self.deleted = deleted

    async def purge(self, *, dry_run: bool = False) -> PurgeResult:
        self.calls += 1
        return PurgeResult(self.deleted)


def test_waits_are_the_interval_jittered_by_a_tenth() -> None:
    job = PurgeJob(Purges(PrivacySettings(purge_interval_minutes=60)), rng=random.Random(7))
    waits = [job.next_wait() for _ in range(200)]
    assert 3240 <= min(waits) < 3300 and 3900 < max(waits) <= 3960
    assert len(set(waits)) == len(waits)  # replicas do not keep step
    firsts = [job.first_wait() for _ in range(200)]
    assert min(firsts) >= 0 and max(firsts) <= 360


async def test_the_job_purges_after_each_wait_and_logs_only_the_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = Purges(PrivacySettings(retention_days=30))
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            raise asyncio.CancelledError

    caplog.set_level(logging.INFO, logger="bot.services.retention_job")
    with pytest.raises(asyncio.CancelledError):
        await PurgeJob(service, sleep=sleep).run()
    assert service.calls == 2 and len(waits) == 3
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["retention: deleted 3 conversation(s) idle for over 30 days"] * 2


async def test_a_failing_purge_is_logged_and_tried_again() -> None:
    service = Purges(PrivacySettings())
    calls = 0

    async def broken(*, dry_run: bool = False) -> PurgeResult:
        nonlocal calls
        calls += 1
        raise OSError("database unreachable")

    service.purge = broken  # type: ignore[method-assign]  # a failing database, for this test
    slept = 0

    async def sleep(_seconds: float) -> None:
        nonlocal slept
        slept += 1
        if slept == 3:
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await PurgeJob(service, sleep=sleep).run()
    assert calls == 2


async def test_kept_for_ever_means_no_job() -> None:
    for days in (0, None):
        job = PurgeJob(Purges(PrivacySettings(retention_days=days)))
        job.start()
        assert not job.running
    job = PurgeJob(Purges(PrivacySettings()))
    job.start()
    assert job.running
    await job.stop()
    assert not job.running
