"""`nlu train | parse | test`: the intent classifier from the command line.

`parse TEXT` prints one JSON parse result; `parse --jsonl` reads plain text lines on stdin and
prints one JSON object per line. Logs go to stderr; stdout carries only the results.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from bot.engine.nlu.classifier import ParseResult
from bot.services.nlu.model import LoadedModel, load_model
from bot.settings import Settings, load_settings

log = logging.getLogger(__name__)

TARGET_INTENT_ACCURACY = 0.92  # per language, held-out set
TARGET_DETECTION_ACCURACY = 0.97


def register(subparsers: Any) -> None:
    """Add `nlu` and its sub-commands."""
    parser = subparsers.add_parser("nlu", help="train, run and evaluate the intent classifier")
    parser.add_argument("--content-dir", type=Path, help="folder holding nlu/ (default: settings)")
    parser.add_argument("--cache-dir", type=Path, help="model cache folder (default: settings)")
    commands = parser.add_subparsers(dest="nlu_command", required=True, metavar="SUBCOMMAND")

    train = commands.add_parser("train", help="train from nlu/*.yml and cache the model")
    train.set_defaults(func=_train)

    parse = commands.add_parser("parse", help="parse TEXT, or plain text lines with --jsonl")
    parse.add_argument("text", nargs="?", help="the message to parse")
    parse.add_argument("--jsonl", action="store_true", help="text lines on stdin, JSON out")
    parse.add_argument("--threshold", type=float, help="fallback threshold (default: settings)")
    parse.set_defaults(func=_parse)

    test = commands.add_parser("test", help="cross-validate and evaluate on the held-out set")
    test.add_argument("--out", type=Path, default=Path("var/reports/nlu"), help="report folder")
    test.add_argument("--test-dir", type=Path, help="held-out set (default: tests/data/nlu)")
    test.add_argument("--corpora", type=Path, help="jsonl corpora with text and lang")
    test.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: skip)")
    test.set_defaults(func=_test)


def _dirs(args: argparse.Namespace, settings: Settings) -> tuple[Path, Path]:
    content = args.content_dir or settings.path(settings.content.dir)
    cache = args.cache_dir or settings.path(settings.nlu.cache_dir)
    return content, cache


def _train(args: argparse.Namespace) -> int:
    settings = load_settings()
    loaded = load_model(*_dirs(args, settings), retrain=True)
    _print_counts(loaded)
    return 0


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def _print_counts(loaded: LoadedModel) -> None:
    per_language = ", ".join(
        f"{lang}: {sum(n.values())} examples" for lang, n in sorted(loaded.counts.items())
    )
    intents = len({i for n in loaded.counts.values() for i in n})
    _say(f"trained {loaded.path} in {loaded.seconds:.2f} s ({per_language}; {intents} intents)")


def _parse(args: argparse.Namespace) -> int:
    if args.text is None and not args.jsonl:
        log.error("give TEXT or --jsonl")
        return 2
    settings = load_settings()
    threshold = settings.nlu.threshold if args.threshold is None else args.threshold
    model = load_model(*_dirs(args, settings)).model
    rasa = None
    if settings.nlu.backend == "rasa" and settings.nlu.rasa_url:
        from bot.services.nlu.rasa import RasaNlu  # httpx only when the Rasa backend is on

        rasa = RasaNlu(settings.nlu.rasa_url, model, threshold=threshold)

    def parse(text: str) -> ParseResult:
        return rasa.parse_sync(text) if rasa else model.parse(text, threshold=threshold)

    if not args.jsonl:
        _emit(parse(args.text))
        return 0
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # binary junk must not stop the stream
    for line in sys.stdin:
        _emit(parse(line.rstrip("\r\n")))
    return 0


def _emit(result: ParseResult) -> None:
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def _test(args: argparse.Namespace) -> int:
    settings = load_settings()
    from bot.services.nlu.report import run_test  # matplotlib and sklearn: only for `test`

    content, _ = _dirs(args, settings)
    test_dir = args.test_dir or settings.path(Path("tests/data/nlu"))
    corpora = args.corpora or test_dir / "corpora"
    summary = run_test(
        content_dir=content,
        test_dir=test_dir,
        out_dir=args.out,
        threshold=settings.nlu.threshold,
        folds=args.folds,
        corpora_dir=corpora,
    )
    return _report(summary, args.out)


def _report(summary: dict[str, Any], out: Path) -> int:
    """Print the figures; exit 1 if a target is missed (so CI can run `nlu test`)."""
    missed = []
    if "cross_validation" in summary:
        cv = summary["cross_validation"]
        _say(f"cross-validation ({summary['folds']} folds): accuracy {cv['accuracy']:.3f}")
    test = summary["test"]
    _say(f"held-out: accuracy {test['accuracy']:.3f} on {test['count']} examples")
    for lang, value in test["accuracy_by_language"].items():
        detected = test["language_detection"][lang]
        _say(f"  {lang}: intent accuracy {value:.3f}, language detection {detected:.3f}")
        if value < TARGET_INTENT_ACCURACY:
            missed.append(f"{lang} intent accuracy {value:.3f} < {TARGET_INTENT_ACCURACY}")
        if detected < TARGET_DETECTION_ACCURACY:
            missed.append(f"{lang} detection {detected:.3f} < {TARGET_DETECTION_ACCURACY}")
    for name, figures in summary.get("corpus_language_detection", {}).items():
        _say(f"  corpus {name}: language detection {figures['accuracy']:.3f} ({figures['count']})")
        if figures["accuracy"] < TARGET_DETECTION_ACCURACY:
            missed.append(f"corpus {name} detection {figures['accuracy']:.3f}")
    _say(f"reports in {out}")
    for item in missed:
        log.error("target missed: %s", item)
    return 1 if missed else 0
