"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and content."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from bot.app import Sapar, build
from bot.engine.content.model import Content
from bot.engine.nlu.intent import Intent
from bot.services.content.store import load_content
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import Database
from bot.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("SAPAR_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL, reason="SAPAR_TEST_POSTGRES_URL is not set (CI sets it)"
        ),
    ),
]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Train (or load) the offer model once, before any test starts `serve` in a subprocess.

    A cold cache costs a few minutes of embedding; a server started by a test would spend
    them before /readyz and time out.
    """
    from bot.services.offer_knowledge import load_catalogue

    load_catalogue(ROOT)


class DatabaseFactory:
    """Makes databases on one backend; on PostgreSQL each test gets its own schema."""

    def __init__(self, backend: str, tmp_path: Path) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        self.opened: list[Database] = []

    @property
    def url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite+aiosqlite:///{self.tmp_path / 'sapar.db'}"
        assert POSTGRES_URL
        return POSTGRES_URL

    def open(self) -> Database:
        """A new engine on the same database (as a second process would have)."""
        connect_args = (
            {"server_settings": {"search_path": self.schema}}
            if self.backend == "postgresql"
            else {}
        )
        db = Database(self.url, connect_args=connect_args)
        self.opened.append(db)
        return db

    async def create(self) -> Database:
        if self.backend == "postgresql":
            admin = Database(self.url)
            async with admin.engine.begin() as conn:
                await conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            await admin.dispose()
        db = self.open()
        await migrate.upgrade(db)
        return db

    async def close(self) -> None:
        for db in self.opened:
            await db.dispose()
        if self.backend == "postgresql":
            admin = Database(self.url)
            async with admin.engine.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            await admin.dispose()


@pytest.fixture(params=BACKENDS)
async def databases(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(request.param, tmp_path)
    try:
        yield factory
    finally:
        await factory.close()


@pytest.fixture
async def db(databases: DatabaseFactory) -> Database:
    """A migrated, empty database on each backend."""
    return await databases.create()


@pytest.fixture
async def pg_databases(tmp_path: Path) -> AsyncIterator[DatabaseFactory]:
    """Databases on PostgreSQL only, for what SQLite cannot do (several processes, NOTIFY)."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL only, and SAPAR_TEST_POSTGRES_URL is not set (CI sets it)")
    factory = DatabaseFactory("postgresql", tmp_path)
    try:
        yield factory
    finally:
        await factory.close()


@pytest.fixture
async def pg_db(pg_databases: DatabaseFactory) -> Database:
    """A migrated, empty PostgreSQL database (the test is skipped without one)."""
    return await pg_databases.create()


KEYWORDS = {
    "greet": ("здравствуйте", "салам", "привет", "саламатсызбы"),
    "talk_to_operator": ("оператор", "человек"),
    "emergency": ("помогите", "держат", "жардам"),
    "thanks": ("спасибо", "рахмат"),
    "documents": ("документ",),
    "legal_stay": ("регистрац", "каттоо"),
    "passport_taken": ("паспорт",),
}


def keyword_classifier(text: str) -> Intent:
    """A stand-in classifier for dialogue tests that are not about understanding."""
    lowered = text.lower()
    for name, words in KEYWORDS.items():
        if any(word in lowered for word in words):
            return Intent(name, 0.99)
    return Intent("out_of_scope", 0.2)


@pytest.fixture(scope="session")
def content() -> Content:
    """The repository's content with the keyword classifier."""
    return load_content(ROOT, keyword_classifier)


@pytest.fixture
async def sapar(tmp_path: Path) -> AsyncIterator[Sapar]:
    settings = load_settings(
        database={"url": f"sqlite+aiosqlite:///{tmp_path / 'web.db'}"},
        web={"long_poll_seconds": 2.0, "max_body_bytes": 1_048_576},
        outbox={"poll_interval_seconds": 0.1},
    )
    bot = build(settings)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


@pytest.fixture
async def client(sapar: Sapar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(sapar))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture(scope="session")
def production_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The repository's content with the trained intent classifier, as `serve` loads it."""
    from bot.services.nlu.model import make_classifier

    cache = tmp_path_factory.mktemp("nlu-cache")
    threshold = load_settings().nlu.threshold
    return load_content(ROOT, make_classifier(ROOT, cache, threshold))
