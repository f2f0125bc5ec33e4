"""`db upgrade` / `db downgrade REV` / `db current`: the schema's migrations."""

from __future__ import annotations

import argparse
import asyncio
import logging
from typing import Any

from bot.settings import load_settings
from bot.storage import migrate
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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
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
