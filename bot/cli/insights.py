"""`insights export --from DAY --to DAY [--out DIR]`: the /insights tables as CSV files."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.clock import utcnow
from bot.services.insights.period import PeriodError, period
from bot.services.insights.report import InsightsReport, Report, Targets
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.insights import Filters


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("insights", help="anonymous programme figures")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export", help="write the /insights tables as CSV (counts of 1-4 written '< 5')"
    )
    export.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day")
    export.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (today)")
    export.add_argument("--out", type=Path, default=Path("."), help="directory (made if needed)")
    for name in ("channel", "language", "country"):
        export.add_argument(f"--{name}", help=f"only this {name}")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        first, last = period(args.start, args.end, today=utcnow().date())
    except PeriodError as exc:
        sys.stderr.write(f"insights export: {exc}\n")
        return 2
    settings = load_settings()
    filters = Filters(first, last, args.channel, args.language, args.country)
    targets = Targets(
        settings.operators.claim_target_minutes, settings.operators.first_reply_target_minutes
    )
    report = asyncio.run(_report(Database(settings.database_url), targets, filters))
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for table in report.tables.values():
            path = args.out / f"insights-{table.name}-{first}-{last}.csv"
            path.write_text(table.csv(), encoding="utf-8")
            sys.stdout.write(f"{path}\n")
    except OSError as exc:
        sys.stderr.write(f"insights export: cannot write to {args.out}: {exc.strerror}\n")
        return 1
    return 0


async def _report(db: Database, targets: Targets, filters: Filters) -> Report:
    try:
        await migrate.upgrade(db)
        return await InsightsReport(db, targets).report(filters)
    finally:
        await db.dispose()
