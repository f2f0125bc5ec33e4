"""A refused request body is described without echoing it, in ASCII JSON.

FastAPI's own 422 echoes the offending input: a lone surrogate (valid JSON, as "\\ud800")
cannot be encoded as UTF-8, and NaN or Infinity (which Python's JSON reads) are no JSON to
write, so the refusal itself crashed into a 500. The input is left out (the sender has it)
and every non-ASCII character of the rest is escaped.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped, so any Python string can be sent."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode("ascii")


async def invalid_request(_: Request, exc: Exception) -> AsciiJSONResponse:
    """The 422 FastAPI would give, less the echoed input."""
    assert isinstance(exc, RequestValidationError)  # the only exception it is installed for
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return AsciiJSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, invalid_request)
