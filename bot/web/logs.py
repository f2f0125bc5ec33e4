"""Log lines: one JSON object a line (or plain text), each with the request's id.

Nothing here reads a message: what keeps users' words out of the logs is that no log call
passes them (and the database hides statement parameters from its errors).
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
# Attributes every LogRecord has; anything else on a record came in `extra=` and is kept.
# Libraries whose debug lines carry statement parameters, which hold users' words.
QUIET = ("aiosqlite",)
# (uvicorn adds `color_message`: the same message with terminal colours.)
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "color_message",
}


class RequestIdFilter(logging.Filter):
    """Puts the id of the request being served (or "-") on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id and request_id != "-":
            line["request_id"] = request_id
        line.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def handler(kind: str, stream: Any = None) -> logging.Handler:
    """A stream handler (stderr by default) writing `kind` ("json" or "text") lines."""
    out = logging.StreamHandler(stream or sys.stderr)
    out.setFormatter(JsonFormatter() if kind == "json" else logging.Formatter(TEXT_FORMAT))
    out.addFilter(RequestIdFilter())
    return out


def configure(kind: str, stream: Any = None) -> None:
    """Replace the root logger's handlers with one writing `kind` lines, keeping its level."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler(kind, stream))
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.INFO)
