"""Command line: `python -m bot <command>` and the `sapar` console script.

Each command lives in its own module with `register(subparsers)`; the handler it sets as
`func` takes the parsed arguments and returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from bot.settings import SettingsError

COMMANDS = ("serve", "db", "chat", "nlu", "offer", "knowledge", "users", "privacy", "insights")


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command's sub-parser registered."""
    parser = argparse.ArgumentParser(prog="sapar", description="Sapar chatbot")
    parser.add_argument("--log-level", default="INFO", help="logging level (to stderr)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"bot.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and run the chosen command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # Logs go to stderr so that machine outputs (chat --jsonl, --json) own stdout.
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.func(args)
    except SettingsError as exc:  # every command reads the settings: one clear message
        logging.getLogger("bot").error("%s", exc)
        return 2
    return code
