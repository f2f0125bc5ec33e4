"""NLU benchmark (not a test): training and loading time, parse latency for 200 characters.

Run: .venv/bin/python bench/nlu_bench.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.services.nlu.model import load_model

MESSAGES = (
    "Салам брат, Москвада складка жумушчу керек дешти, айлыгы 120000 рубль, жатакана бекер, "
    "паспортту бригадирге берип коюш керек экен. Ушул жумуш чынбы? Номери +7 900 000 00 00 @job",
    "Здравствуйте, мне предложили работу в Дубае официанткой за 1500$, билеты оплатят, но "
    "паспорт надо отдать менеджеру на оформление визы. Это нормально? Пишите t.me/example",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000, help="parses per message")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="sapar-nlu-bench-") as cache:
        trained = load_model(root, Path(cache), retrain=True)
        examples = sum(sum(n.values()) for n in trained.counts.values())
        print(f"training (read, hash, fit, save): {trained.seconds:.2f} s on {examples} examples")
        loaded = load_model(root, Path(cache))
        assert not loaded.trained
        print(f"loading the cached model: {loaded.seconds * 1000:.0f} ms")
    model = loaded.model
    for message in MESSAGES:
        text = message[:200].ljust(200)
        for _ in range(50):  # warm caches and the allocator before timing
            model.parse(text)
        wall, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            model.parse(text)
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        # Wall time includes waiting for a core on a shared machine; CPU time is the parse's cost.
        for name, timings in (("wall", wall), ("cpu", cpu)):
            timings.sort()
            p99 = timings[int(len(timings) * 0.99) - 1]
            print(
                f"parse {len(text)} chars ({model.parse(text).language}, {name}): "
                f"p50 {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, "
                f"max {timings[-1]:.2f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
