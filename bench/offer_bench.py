"""Benchmark of the offer check: p50/p99 for a 2 KB offer, and a 100 KB paste.

    .venv/bin/python bench/offer_bench.py [--runs 500]

Prints the figures and the share of time spent in `language.fold_with_map` and `detect`, so
a slow run can be traced to the right module. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.offer.risk import MAX_CHARS, check_text  # noqa: E402
from bot.engine.text.language import detect, fold_with_map  # noqa: E402 - after the path setup
from bot.services.offer_knowledge import load_catalogue  # noqa: E402

ORDINARY = ("Здравствуйте", "нужен ли патент в России", "кантип Кореяга барса болот", "ооба", "ок")
BAD_INPUT = {
    "only emoji": "😀🙏🔥" * 300,
    "binary junk": bytes(range(256)).decode("latin-1") * 8,
    "5,000 repeated words": "работа " * 5000,
}


def _engine_step_times(runs: int) -> list[float]:
    """The engine step for ordinary short messages, with the trained intent classifier."""
    from datetime import UTC, datetime

    from bot.engine.dialogue.router import step
    from bot.engine.dialogue.state import DialogueState
    from bot.services.content.store import load_content
    from bot.services.nlu.model import make_classifier
    from bot.types import ConversationKey, UserMessage

    content = load_content(ROOT, make_classifier(ROOT, ROOT / "var" / "cache", 0.5))
    key = ConversationKey("bench", "1")
    state = DialogueState()
    out = []
    for i in range(runs):
        text = ORDINARY[i % len(ORDINARY)]
        message = UserMessage(key, str(i), datetime.now(UTC), text=text)
        start = time.perf_counter()
        state = step(state, message, content).state
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out[len(ORDINARY) :])  # the first turns warm the caches


def _offer_of(size: int) -> str:
    """Real-looking text of `size` characters built from the development set."""
    rows = (ROOT / "tests" / "data" / "offers.jsonl").read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in rows if line.strip()]
    out = ""
    i = 0
    while len(out) < size:
        out += texts[i % len(texts)] + "\n"
        i += 1
    return out[:size]


def _times(func: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    catalogue = load_catalogue(ROOT)
    small, large = _offer_of(2048), _offer_of(100 * 1024)
    check_text(small, catalogue)  # warm the regex caches

    total = _times(lambda: check_text(small, catalogue), args.runs)
    fold = _times(lambda: fold_with_map(small), args.runs)
    det = _times(lambda: detect(small[:400]), args.runs)
    print(
        f"2 KB offer, {args.runs} runs: p50 {_pct(total, 0.5):.1f} ms, "
        f"p99 {_pct(total, 0.99):.1f} ms, mean {statistics.fmean(total):.1f} ms"
    )
    print(
        f"  of which language.fold_with_map p50 {_pct(fold, 0.5):.1f} ms, "
        f"language.detect p50 {_pct(det, 0.5):.1f} ms"
    )
    big = _times(lambda: check_text(large, catalogue), 20)
    print(
        f"100 KB text (checked on its first {MAX_CHARS} characters), 20 runs: "
        f"max {big[-1]:.1f} ms, p50 {_pct(big, 0.5):.1f} ms"
    )
    for name, text in BAD_INPUT.items():
        worst = _times(lambda text=text: check_text(text, catalogue), 5)[-1]
        print(f"bad input ({name}, {len(text)} chars): max {worst:.1f} ms, assessed")
    steps = _engine_step_times(args.runs)
    print(
        f"engine step, ordinary message, {len(steps)} runs: p50 {_pct(steps, 0.5):.2f} ms, "
        f"p99 {_pct(steps, 0.99):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
