"""`python -m bot serve`, counting the database statements it makes, for the comparison.

    python bench/compare/counted_serve.py COUNT_FILE serve --port PORT

Listens to every SQLAlchemy engine of the process (cursor executes, which on SQLite include
Sapar's own BEGIN IMMEDIATE, plus commits and rollbacks: each one a round trip to the
database) and writes the running total to COUNT_FILE five times a second. The counting lives
here, not in `bot/`, so no production path carries it.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
COUNT = [0]


def _count(*_args: Any, **_kwargs: Any) -> None:
    COUNT[0] += 1


def _write(path: Path) -> None:
    while True:
        path.write_text(str(COUNT[0]))
        time.sleep(0.2)


if __name__ == "__main__":
    count_file = Path(sys.argv[1])
    for name in ("before_cursor_execute", "commit", "rollback"):
        event.listen(Engine, name, _count)
    threading.Thread(target=_write, args=(count_file,), daemon=True).start()
    sys.path.insert(0, str(ROOT))
    from bot.cli import main

    sys.exit(main(sys.argv[2:]))
