"""`python -m bot offer check|eval|import-agencies`: the offer check on the command line.

stdout carries only the output (a report, JSON, JSON lines); logs go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.evaluate import evaluate
from bot.engine.offer.report import render_report
from bot.engine.offer.risk import check_text
from bot.services.offer_knowledge import OfferKnowledgeError, import_agencies, load_catalogue

log = logging.getLogger(__name__)
EXIT_OK, EXIT_EMPTY, EXIT_ERROR = 0, 2, 1


def content_dir() -> Path:
    """The content root: settings.content.dir when settings load, else the repository root."""
    root = Path(__file__).resolve().parent.parent.parent
    try:
        from bot.settings import load_settings

        settings = load_settings()
        return settings.path(settings.content.dir)
    except Exception as exc:  # any settings problem (missing, invalid) falls back to the root
        log.warning("settings not loaded (%s); content from %s", exc, root)
        return root


def _catalogue() -> Catalogue:
    return load_catalogue(content_dir())


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _check(args: argparse.Namespace) -> int:
    catalogue = _catalogue()
    lang = None if args.lang == "auto" else args.lang
    if lang is not None and lang not in catalogue.languages:
        log.error("--lang: one of %s or auto", ", ".join(catalogue.languages))
        return EXIT_ERROR
    if args.jsonl:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                text = str(json.loads(line)["text"])
            except (ValueError, KeyError, TypeError) as exc:
                log.error("line %d: expected a JSON object with a text field (%s)", number, exc)
                return EXIT_ERROR
            result = check_text(text, catalogue, lang)
            sys.stdout.write(_dump(result.to_dict()) + "\n")
        return EXIT_OK
    result = check_text(sys.stdin.read(), catalogue, lang)
    if args.json:
        sys.stdout.write(_dump(result.to_dict()) + "\n")
    else:
        sys.stdout.write(render_report(result, catalogue) + "\n")
    return EXIT_EMPTY if result.empty else EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    catalogue = _catalogue()
    path = Path(args.file)
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    report = evaluate(rows, catalogue)
    sys.stdout.write(report.to_text() + "\n")
    if args.errors:
        for err in report.errors:
            sys.stdout.write(_dump(err) + "\n")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    path = Path(args.csv)
    count = import_agencies(
        content_dir(), path.read_text("utf-8-sig"), complete=args.complete, source=args.source
    )
    sys.stdout.write(f"{count} agencies imported (complete: {bool(args.complete)})\n")
    return EXIT_OK


def _guard(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            code: int = func(args)
        except (OfferKnowledgeError, OSError) as exc:
            log.error("%s", exc)
            return EXIT_ERROR
        return code

    return run


def register(subparsers: Any) -> None:
    """Add `offer` with its sub-commands to the main parser."""
    offer = subparsers.add_parser("offer", help="check a job offer for warning signs")
    sub = offer.add_subparsers(dest="offer_command", required=True, metavar="SUBCOMMAND")

    check = sub.add_parser("check", help="assess one offer from stdin")
    check.add_argument(
        "--lang", default="auto", metavar="CODE", help="a language of the content, or auto"
    )
    fmt = check.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the assessment as JSON")
    fmt.add_argument(
        "--jsonl", action="store_true", help='read {"text": …} lines, write JSON lines'
    )
    check.set_defaults(func=_guard(_check))

    ev = sub.add_parser("eval", help="precision/recall on a labelled JSONL set")
    ev.add_argument("file")
    ev.add_argument("--errors", action="store_true", help="also print each disagreement")
    ev.set_defaults(func=_guard(_eval))

    imp = sub.add_parser("import-agencies", help="replace knowledge/agencies.yml from a CSV")
    imp.add_argument("csv")
    imp.add_argument("--complete", action="store_true", help="the CSV is the whole register")
    imp.add_argument("--source", default="Imported from the Ministry of Labour register (CSV).")
    imp.set_defaults(func=_guard(_import))
