"""DESIGN's arrows hold: engine pure; channels → services → engine; services → storage."""

from __future__ import annotations

from pathlib import Path

from tests.layers import check

BOT = Path(__file__).resolve().parent.parent / "bot"

# Where today's code crosses an arrow on purpose. Each entry says why; a stale one fails.
KNOWN: dict[tuple[str, str], str] = {
    ("bot.admin.views_answers", "bot.engine.content.answers"): (
        "the answer editor validates a draft with the engine's own parser before saving"
    ),
    ("bot.admin.views_answers", "bot.engine.content.languages"): (
        "the parser's ContentError is what the form shows as the problem"
    ),
    ("bot.admin.views_answers", "bot.engine.dialogue"): (
        "the preview renders an answer exactly as the dialogue will (pure functions)"
    ),
    ("bot.admin.views_indicators", "bot.engine.offer.catalogue"): (
        "the form's severity choices are the catalogue's own list"
    ),
    ("bot.admin.views_work", "bot.engine.content.languages"): (
        "a draft that does not build is shown with the engine's ContentError"
    ),
    ("bot.admin.views_work", "bot.engine.offer.report"): (
        "'try it' renders the report exactly as `offer check` does"
    ),
    ("bot.admin.views_work", "bot.engine.offer.risk"): (
        "'try it' runs the pure offer check on the draft catalogue, nothing stored"
    ),
}


def test_the_code_follows_the_arrows() -> None:
    assert check(BOT, KNOWN) == []


def test_every_known_exception_gives_its_reason() -> None:
    assert all(len(reason) > 20 for reason in KNOWN.values())


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "bot"
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root


def test_the_checker_passes_a_tree_that_follows_the_arrows(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "types.py": "import dataclasses\n",
            "engine/__init__.py": "",
            "engine/x.py": "import re, numpy\nfrom bot.types import Reply\nfrom . import y\n",
            "engine/y.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import os\n",
            "services/s.py": "import sqlalchemy\nfrom bot import engine, storage\n",
            "channels/c.py": "import fastapi\nfrom bot.services import s\n",
        },
    )
    assert check(root) == []


def test_the_checker_fails_when_an_engine_module_imports_sqlalchemy(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"engine/x.py": "from sqlalchemy import select\n"})
    assert check(root) == ["bot.engine.x:1 imports sqlalchemy: the engine does no I/O"]


def test_the_checker_fails_on_each_kind_of_broken_arrow(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "engine/a.py": "import asyncio\n",
            "engine/b.py": "import pandas\n",
            "engine/c.py": "from bot.services import conversation\n",
            "engine/d.py": "def f():\n    return open('x').read()\n",
            "engine/e.py": "from .. import storage\n",
            "channels/t.py": "from bot.storage.models import OutboxRow\n",
            "services/s.py": "from bot.channels import registry\n",
            "storage/m.py": "from bot.services import conversation\n",
            "console/v.py": "from bot.engine.offer import risk\n",
        },
    )
    problems = check(root)
    assert [p.split(" imports ")[0] for p in problems] == [
        "bot.channels.t:1",
        "bot.console.v:1",
        "bot.engine.a:1",
        "bot.engine.b:1",
        "bot.engine.c:1",
        "bot.engine.d:2",
        "bot.engine.e:1",
        "bot.services.s:1",
        "bot.storage.m:1",
    ], problems


def test_a_known_exception_hides_one_import_and_a_stale_one_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"console/v.py": "from bot.engine.offer import risk\n"})
    assert check(root, {("bot.console.v", "bot.engine.offer"): "a reason"}) == []
    stale = check(root, {("bot.console.w", "bot.storage"): "gone"})
    assert stale[0].startswith("bot.console.v:1 imports bot.engine.offer: console may import")
    assert stale[1:] == ["stale known exception bot.console.w -> bot.storage: remove it"]
