"""Staff session cookies: HTTP-only, SameSite=Strict, Secure over HTTPS and in production."""

from __future__ import annotations

import logging
import secrets

from fastapi import Request, Response

from bot.settings import Settings

log = logging.getLogger(__name__)
COOKIE = "sapar_staff"
PATH = "/"  # one login for the console and the admin; roles decide what each may see


def session_secret(settings: Settings) -> bytes:
    """The key for stored session hashes; in development a random one when none is set.

    Production cannot start without a real `app.secret_key` (settings refuse it), so the
    random key only ever serves one development process; its sessions end on restart.
    """
    key = settings.app.secret_key.get_secret_value()
    if key:
        return key.encode()
    log.warning(
        "SAPAR_APP__SECRET_KEY is empty: using a random key for this process; "
        "console logins end when it restarts (set the key in production)"
    )
    return secrets.token_bytes(32)


def secure(request: Request, settings: Settings) -> bool:
    """Cookies are Secure in production (behind TLS) and on any HTTPS request."""
    return settings.app.environment == "production" or request.url.scheme == "https"


def set_cookie(
    response: Response, request: Request, settings: Settings, name: str, value: str, max_age: int
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PATH,
        httponly=True,
        samesite="strict",
        secure=secure(request, settings),
    )


def clear_cookie(response: Response, request: Request, settings: Settings, name: str) -> None:
    response.delete_cookie(
        name, path=PATH, httponly=True, samesite="strict", secure=secure(request, settings)
    )
