"""`knowledge validate DIR`: check a content folder before it reaches users."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.services.content import validate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("knowledge", help="check the bot's content")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "validate", help="check dialogues/, knowledge/ and nlu/ in DIR; exit 1 on any problem"
    )
    check.add_argument("dir", type=Path, nargs="?", default=Path("."), help="content folder")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problems = validate(args.dir)
    for problem in problems:
        sys.stdout.write(problem + "\n")
    sys.stdout.write(f"{len(problems)} problem(s) in {args.dir}\n")
    return 1 if problems else 0
