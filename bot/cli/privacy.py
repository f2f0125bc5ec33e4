"""`privacy purge [--dry-run]`: delete the conversations idle past `privacy.retention_days`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.services.retention import PurgeResult, RetentionService
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import Database


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("privacy", help="retention of conversations")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    purge = actions.add_parser(
        "purge", help="delete conversations idle past privacy.retention_days, as /forget does"
    )
    purge.add_argument("--dry-run", action="store_true", help="only count them")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    service = RetentionService(Database(settings.database_url), settings.privacy)
    result = asyncio.run(_purge(service, dry_run=args.dry_run))
    sys.stdout.write(describe(result, settings.privacy.retention_days) + "\n")
    return 0


async def _purge(service: RetentionService, *, dry_run: bool) -> PurgeResult:
    try:
        await migrate.upgrade(service.db)  # the idle test reads columns of recent migrations
        return await service.purge(dry_run=dry_run)
    finally:
        await service.db.dispose()


def describe(result: PurgeResult, days: int | None) -> str:
    """One line for the operator of the command: a count, never which conversations."""
    if not days:
        return "retention is off (privacy.retention_days is 0): nothing deleted"
    if result.dry_run:
        return f"{result.deleted} conversation(s) idle for over {days} days would be deleted"
    if not result.ran:
        return "another process is purging now: nothing done"
    return f"{result.deleted} conversation(s) idle for over {days} days deleted"
