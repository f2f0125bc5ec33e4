"""A consistent copy of a SQLite database while Sapar runs: sqlite3's online backup API.

The backup API copies page by page and restarts when a writer changed a page it had copied,
so the copy is one committed state even with `serve` writing (WAL mode). PostgreSQL has its
own tools for this (`pg_dump -Fc`, `pg_restore`; see the README).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

PAGES_PER_STEP = 1024  # between steps other connections may write


class BackupError(Exception):
    """The database cannot be backed up this way; the message says why."""


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL.

    Raises:
        BackupError: the URL is not a SQLite file (PostgreSQL, or in memory).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError("db backup copies SQLite files; for PostgreSQL use pg_dump -Fc")
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("an in-memory SQLite database has no file to back up")
    return Path(parsed.database)


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy the database at `source` to a new file `target`, consistently, while in use.

    Raises:
        BackupError: no database at `source`, `target` exists already, or SQLite failed.
    """
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} exists; back up to a new file")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Read-only URI: the backup never creates or changes the source.
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=PAGES_PER_STEP)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)  # no half-written copy that looks like a backup
        raise BackupError(f"SQLite could not copy {source}: {exc}") from exc
    finally:
        src.close()
