"""`db upgrade` / `db downgrade REV` / `db current`: migrations; `db backup PATH`: a copy."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.backup import BackupError, backup_sqlite, sqlite_path
from bot.storage.database import Database

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("db", help="database schema migrations")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="apply every pending migration")
    upgrade.add_argument("revision", nargs="?", default="head")
    downgrade = actions.add_parser("downgrade", help="revert to a revision ('base': empty)")
    downgrade.add_argument("revision")
    actions.add_parser("current", help="print the revision the database is at")
    backup = actions.add_parser(
        "backup", help="copy the SQLite database to a new file, safely while serve runs"
    )
    backup.add_argument("path", type=Path, help="the new file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.action == "backup":
        return _backup(settings.database_url, args.path)
    return asyncio.run(_run(args, Database(settings.database_url)))


async def _run(args: argparse.Namespace, db: Database) -> int:
    try:
        if args.action == "upgrade":
            await migrate.upgrade(db, args.revision)
        elif args.action == "downgrade":
            await migrate.downgrade(db, args.revision)
        log.info("database at revision %s", await migrate.current(db))
    finally:
        await db.dispose()
    return 0


def _backup(url: str, target: Path) -> int:
    try:
        backup_sqlite(sqlite_path(url), target)
    except (BackupError, OSError) as exc:
        log.error("backup failed: %s", exc)
        return 1
    sys.stdout.write(f"backed up to {target}\n")
    return 0
