"""`knowledge validate DIR` / `export DIR` / `import DIR`: content as YAML files.

`export` writes the published content from the database (seeded from `content.dir` on first
use) as YAML that keeps ids and order, for review in git. `import` saves every changed file
as a draft revision (`--publish`: makes it live; on PostgreSQL running servers reload).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.engine.content.model import ContentError
from bot.services.content.documents import check_documents, read_documents, write_documents
from bot.services.content.revisions import RevisionError, Revisions
from bot.services.content.store import validate
from bot.settings import Settings, load_settings
from bot.storage import migrate
from bot.storage.database import Database

AUTHOR = "cli"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("knowledge", help="check, export and import the bot's content")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "validate", help="check dialogues/, knowledge/ and nlu/ in DIR; exit 1 on any problem"
    )
    check.add_argument("dir", type=Path, nargs="?", default=Path("."), help="content folder")
    export = actions.add_parser("export", help="write the published content to DIR as YAML")
    export.add_argument("dir", type=Path, help="folder to write dialogues/, knowledge/, nlu/ to")
    load = actions.add_parser("import", help="save the YAML files in DIR as draft revisions")
    load.add_argument("dir", type=Path, help="folder with dialogues/, knowledge/, nlu/")
    load.add_argument("--publish", action="store_true", help="publish them at once")
    load.add_argument("--note", default="imported from YAML", help="a note on each revision")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "validate":
        problems = validate(args.dir)
        for problem in problems:
            sys.stdout.write(problem + "\n")
        sys.stdout.write(f"{len(problems)} problem(s) in {args.dir}\n")
        return 1 if problems else 0
    settings = load_settings()
    return asyncio.run(_with_database(args, settings))


async def _with_database(args: argparse.Namespace, settings: Settings) -> int:
    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db)
        revisions = Revisions(db)
        await revisions.seed(read_documents(settings.path(settings.content.dir)))
        if args.action == "export":
            return await _export(revisions, args.dir)
        return await _import(revisions, args.dir, publish=args.publish, note=args.note)
    finally:
        await db.dispose()


def _json(data: Any) -> str:
    """Data as text: unlike `==` on dicts, a change of order counts as a change."""
    return json.dumps(data, ensure_ascii=False)


async def _export(revisions: Revisions, directory: Path) -> int:
    live = await revisions.live()
    written = write_documents(live.documents, directory)
    sys.stdout.write(f"{len(written)} file(s) written to {directory} (revision r{live.version})\n")
    return 0


async def _import(revisions: Revisions, directory: Path, *, publish: bool, note: str) -> int:
    try:
        files = read_documents(directory)
    except ContentError as exc:
        sys.stdout.write(f"{exc}\n")
        return 1
    live = (await revisions.live()).documents
    unknown = sorted(set(files) - set(live))
    problems = [f"{name}: not a content document" for name in unknown]
    problems += check_documents({**live, **files})
    if problems:
        sys.stdout.write("".join(p + "\n" for p in problems) + "nothing imported\n")
        return 1
    changed = [name for name, data in files.items() if _json(data) != _json(live[name])]
    try:
        for name in changed:
            draft = await revisions.save_draft(name, files[name], AUTHOR, note)
            if publish:
                await revisions.publish(draft.id, AUTHOR)
            state = "published" if publish else "draft"
            sys.stdout.write(f"{name}: {state} #{draft.number}\n")
    except RevisionError as exc:
        sys.stdout.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{len(changed)} document(s) changed\n")
    return 0
