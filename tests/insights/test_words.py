"""The room's words are content: none in its templates or Python, each in dialogues/insights.yml."""

from __future__ import annotations

import re
import string
from pathlib import Path

from bot.engine.extract import sectors
from bot.services.content.documents import read_documents
from bot.services.insights.report import NAMES, PAY_BANDS
from tests.conftest import ROOT
from tests.said import said_in

ROOM = ROOT / "bot" / "insights"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TAGS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
SAID = re.compile(r"say\(\s*'([a-z0-9_]+)'(?!\s*~)")
SAME = {  # the same word in both languages
    "insights_filter_channel", "insights_median", "insights_channel_telegram",
    "insights_channel_whatsapp", "insights_sector_it", "insights_sector_factory",
}  # fmt: skip


def texts() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = read_documents(ROOT)["dialogues/insights.yml"]["texts"]
    return found


def test_no_template_or_module_of_the_room_holds_cyrillic() -> None:
    for path in sorted((ROOM / "templates").glob("*.html")):
        assert not CYRILLIC.findall(TAGS.sub("", path.read_text(encoding="utf-8"))), path.name
    for path in sorted(
        [*ROOM.rglob("*.py"), *(ROOT / "bot" / "services" / "insights").glob("*.py")]
    ):
        for line, said in said_in(path):
            assert not CYRILLIC.search(said), (path.name, line, said)


def test_every_word_the_pages_say_is_there_in_kyrgyz_and_russian() -> None:
    keys = set()
    for path in (ROOM / "templates").glob("*.html"):
        keys |= set(SAID.findall(path.read_text(encoding="utf-8")))
    keys |= {f"{name}_{part}" for name in NAMES for part in ("title", "note")}  # sections.py
    keys |= {f"filter_{name}" for name in ("channel", "language", "country")}
    keys |= {"median", "p90", "minutes_unit", "unknown", "error_filters"}
    keys |= {f"pay_band_{band}" for band in PAY_BANDS}
    source = Path(sectors.__file__).read_text(encoding="utf-8")
    keys |= {f"sector_{s}" for s in re.findall(r'"([a-z_]+)"', source)}
    nlu = (ROOT / "nlu" / "ru.yml").read_text(encoding="utf-8")
    keys |= {f"intent_{i}" for i in re.findall(r"- intent: (\w+)", nlu)}
    missing = {f"insights_{k}" for k in keys} - set(texts())
    assert not missing, sorted(missing)


def test_every_text_is_kyrgyz_and_russian_with_the_same_placeholders() -> None:
    for key, text in texts().items():
        assert key.startswith("insights_") and set(text) == {"ky", "ru"}, key
        assert text["ky"].strip() and text["ru"].strip(), key
        assert _placeholders(text["ky"]) == _placeholders(text["ru"]), key
    kyrgyz = "".join(text["ky"] for text in texts().values())
    assert {"ө", "ү", "ң"} <= set(kyrgyz)
    same = {key for key, text in texts().items() if text["ky"] == text["ru"]}
    assert same - {k for k in same if k.startswith(("insights_pay_band_", "insights_col_"))} <= SAME


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
