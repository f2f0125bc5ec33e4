"""`users add NAME --role ROLE` / `users passwd NAME` / `users disable NAME` /
`users link-telegram NAME TG_ID`: staff accounts.

Passwords are never command-line arguments (they would land in the shell's history): they
are asked twice on a terminal, or read as the first line of standard input otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from functools import cache
from typing import Any

from bot.services.content.store import load_content
from bot.services.operators.assign import Assigner
from bot.services.operators.events import Broadcaster
from bot.services.operators.telegram_link import link_telegram
from bot.services.staff import StaffError, StaffService
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import Database
from bot.storage.staff import ROLES

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("users", help="console and admin accounts")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create an account (asks for its password)")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, default="operator")
    passwd = actions.add_parser("passwd", help="set a new password (ends its sessions)")
    passwd.add_argument("username")
    disable = actions.add_parser("disable", help="refuse the account's logins from now on")
    disable.add_argument("username")
    link = actions.add_parser(
        "link-telegram", help="let the account act in the operators' Telegram group"
    )
    link.add_argument("username")
    link.add_argument("telegram_id", help="the person's numeric Telegram user id, or 'none'")
    parser.set_defaults(func=run)


def read_password() -> str:
    """Asked twice on a terminal; the first line of standard input otherwise."""
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise StaffError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def telegram_id(given: str) -> int | None:
    """A Telegram user id as typed (digits), or None for 'none'."""
    if given.strip().lower() == "none":
        return None
    if not given.strip().isdigit() or len(given.strip()) > 19:
        raise StaffError("a Telegram user id is a positive number (or 'none' to unlink)")
    return int(given)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    db = Database(settings.database_url)
    # No sessions are made here, so the session key is not needed.
    service = StaffService(db, settings.operators, secret=b"")
    # Disabling an operator gives their chats back to the queue (the user is told, in the
    # words of the content folder) and tells running consoles on PostgreSQL.
    service.shift = Assigner(
        db,
        cache(lambda: load_content(settings.path(settings.content.dir))),
        settings.operators,
        publish=Broadcaster(db).publish,
        wake=lambda: None,  # `serve`'s sender picks the outbox rows up
    )
    try:
        return asyncio.run(_run(args, db, service))
    except StaffError as exc:
        log.error("%s", exc)
        return 1


async def _run(args: argparse.Namespace, db: Database, service: StaffService) -> int:
    try:
        await migrate.upgrade(db)
        if args.action == "add":
            await service.add(args.username, read_password(), args.role)
            log.info("user %s added as %s", args.username, args.role)
        elif args.action == "passwd":
            await service.set_password(args.username, read_password())
            log.info("password of %s changed; their sessions ended", args.username)
        elif args.action == "disable":
            await service.disable(args.username)
            log.info("user %s disabled; their sessions ended", args.username)
        elif args.action == "link-telegram":
            await link_telegram(db, args.username, telegram_id(args.telegram_id))
            log.info("telegram link of %s set to %s", args.username, args.telegram_id)
    finally:
        await db.dispose()
    return 0
