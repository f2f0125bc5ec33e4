"""Fixtures for the regression tests: the console's, and a Sapar with every channel on."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.services.offer_knowledge import load_catalogue
from tests.channels.conftest import (  # noqa: F401  (fixtures reused here)
    Running,
    database_url,
    fake_graph,
    fake_telegram,
    settings_for,
    start,
)
from tests.channels.fakes import FakeGraph, FakeTelegram
from tests.console.conftest import anonymous, app, login  # noqa: F401  (fixtures reused here)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The offer check's catalogue as shipped (knowledge/), for the offer regressions."""
    return load_catalogue(Path(__file__).resolve().parents[2])


@pytest.fixture
async def inbound(
    tmp_path: Path,
    fake_telegram: FakeTelegram,  # noqa: F811  (the fixtures imported above)
    fake_graph: FakeGraph,  # noqa: F811
    database_url: str,  # noqa: F811  (before `start`: the database outlives the Sapar)
    start: Callable[[Any], Awaitable[Running]],  # noqa: F811
) -> Running:
    """Telegram, WhatsApp and the web chat on SQLite and (when configured) PostgreSQL."""
    settings = settings_for(tmp_path, fake_telegram, fake_graph, database_url=database_url)
    return await start(settings)
