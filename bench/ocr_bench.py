"""Benchmark of reading pictures: CER, offer-level agreement and time per image.

    .venv/bin/python bench/ocr_bench.py [--count 100] [--no-levels]

Renders the quality test's 100 job ads (tests/pictures.py: the shared vacancies and scam
quotations, Kyrgyz offers of the labelled set) clean and as noisy phone screenshots, reads
each through the same PictureReader as `serve`, and prints the character error rate, how
often the offer check gives the picture the level it gives the text, and p50/p90 time per
image. Not a test: timings depend on the machine (the issue's target: p50 <= 1.5 s here).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.offer.risk import check_text  # noqa: E402 - after the path setup
from bot.services.offer_knowledge import load_catalogue  # noqa: E402
from bot.services.pictures.reader import PictureReader  # noqa: E402
from bot.settings.pictures import PicturesSettings  # noqa: E402
from tests.pictures import ads, cer, noisy, png, pooled_cer, render  # noqa: E402


async def _read_all(images: list[bytes]) -> tuple[list[str], list[float]]:
    reader = PictureReader(PicturesSettings())
    if not reader.on:
        raise SystemExit(f"pictures cannot be read here: {reader.off_reason}")
    texts, seconds = [], []
    for data in images:
        start = time.perf_counter()
        picture = await reader.read_bytes(data)
        seconds.append(time.perf_counter() - start)
        texts.append(picture.text)
    return texts, seconds


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--no-levels", action="store_true", help="skip the offer check")
    args = parser.parse_args()
    sample = ads(args.count)
    pictures = [render(ad.text, i) for i, ad in enumerate(sample)]
    sets = {
        "clean": [png(p) for p in pictures],
        "noisy": [noisy(p, i) for i, p in enumerate(pictures)],
    }
    catalogue = None if args.no_levels else load_catalogue(ROOT)
    print(f"{len(sample)} ads ({sum(a.lang == 'ky' for a in sample)} ky), each clean and noisy")
    for name, images in sets.items():
        texts, seconds = asyncio.run(_read_all(images))
        rates = [cer(ad.text, text) for ad, text in zip(sample, texts, strict=True)]
        pairs = [(ad.text, text) for ad, text in zip(sample, texts, strict=True)]
        by_lang = {
            lang: pooled_cer([p for p, ad in zip(pairs, sample, strict=True) if ad.lang == lang])
            for lang in ("ky", "ru")
        }
        line = (
            f"{name:5}  CER {pooled_cer(pairs):.2%}"
            f" (ky {by_lang['ky']:.2%}, ru {by_lang['ru']:.2%}, worst {max(rates):.1%})"
            f"  time p50 {_pct(seconds, 0.5):.2f} s p90 {_pct(seconds, 0.9):.2f} s"
        )
        if catalogue is not None:
            same = sum(
                check_text(ad.text, catalogue).risk_level == check_text(text, catalogue).risk_level
                for ad, text in zip(sample, texts, strict=True)
            )
            line += f"  level same as text {same}/{len(sample)}"
        print(line)


if __name__ == "__main__":
    main()
