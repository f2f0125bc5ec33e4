"""A refused request body is described in ASCII JSON, whatever it held.

FastAPI's own 422 echoes the offending input as UTF-8, and a lone surrogate (valid in JSON,
as "\\ud800") cannot be encoded: the refusal itself crashed into a 500. Escaping every
non-ASCII character keeps the same answer, byte-safe.
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
    """The 422 FastAPI would give, rendered safely."""
    assert isinstance(exc, RequestValidationError)  # the only exception it is installed for
    return AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, invalid_request)
