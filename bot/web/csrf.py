"""CSRF protection: a per-session token on every state-changing request, and same origin."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def submitted_token(request: Request) -> str:
    """The token sent with a request: the header (fetch) or the form field (forms)."""
    header = request.headers.get(HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # cached by Starlette; the endpoint reads it again
        value = form.get(FIELD)
        return value if isinstance(value, str) else ""
    return ""


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def verify(request: Request, expected: str) -> None:
    """Refuse (403) a state-changing request without the right token or from another site."""
    if request.method in SAFE_METHODS:
        return
    token = await submitted_token(request)
    if not expected or not token or not hmac.compare_digest(token, expected):
        raise HTTPException(403, "CSRF token missing or wrong; reload the page")
    if not same_origin(request):
        raise HTTPException(403, "cross-site request refused")
