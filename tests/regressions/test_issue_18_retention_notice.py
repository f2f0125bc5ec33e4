"""Issue 18: the privacy notice states the retention period, and states the one in force.

The notice is content (editors may reword it), so the number is written in its text; this
holds it to the default setting and to config.yml, in both languages, and `serve` warns when
a deployment's setting and its notice part.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import build
from bot.engine.content.model import Content
from bot.services.retention import notice_disagrees
from bot.settings import load_settings
from bot.settings.privacy import DEFAULT_RETENTION_DAYS

SAYS = {"ru": r"\b(\d+) дней\b", "ky": r"\b(\d+) күн\b"}


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_issue_18_the_notice_states_the_default_retention(content: Content, lang: str) -> None:
    notice = content.text("welcome", lang)
    assert re.findall(SAYS[lang], notice) == [str(DEFAULT_RETENTION_DAYS)], notice
    assert "/forget" in notice


def test_issue_18_config_keeps_the_period_the_notice_states() -> None:
    assert load_settings().privacy.retention_days == DEFAULT_RETENTION_DAYS


def test_issue_18_a_notice_that_disagrees_with_the_setting_is_named(content: Content) -> None:
    assert notice_disagrees(content, DEFAULT_RETENTION_DAYS) == []
    assert notice_disagrees(content, 30) == ["ru", "ky"]
    assert notice_disagrees(content, 0) == ["ru", "ky"]  # it promises a deletion that never comes
    texts = {**content.texts, "welcome": {"ru": "Храним 30 дней.", "ky": "Ушул чат 30 күн."}}
    assert notice_disagrees(replace(content, texts=texts), 30) == []


async def test_issue_18_serve_warns_when_the_notice_and_the_setting_disagree(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for days, warned in ((30, True), (DEFAULT_RETENTION_DAYS, False)):
        settings = load_settings(
            database={"url": f"sqlite+aiosqlite:///{tmp_path / f'{days}.db'}"},
            privacy={"retention_days": days},
        )
        caplog.clear()
        sapar = build(settings)
        await sapar.start()
        await sapar.stop()
        lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("privacy.retention_days (30)" in line for line in lines) is warned, lines
