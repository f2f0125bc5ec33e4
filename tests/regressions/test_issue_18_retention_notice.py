"""Issue 18: the privacy notice states the retention period, and states the one in force.

The notice is content (editors may reword it), so the number is written in its text; this
holds it to the default setting and to config.yml, in both languages.
"""

from __future__ import annotations

import re

import pytest

from bot.engine.content.model import Content
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
