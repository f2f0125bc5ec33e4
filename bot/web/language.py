"""Which of Sapar's languages a staff page speaks: the browser's choice, else Russian."""

from __future__ import annotations

from fastapi import Request

LANGUAGES = ("ky", "ru")


def staff_language(request: Request) -> str:
    """Kyrgyz for a browser that asks for it before Russian; Russian, the staff's own, else."""
    for part in request.headers.get("accept-language", "").lower().split(","):
        tag = part.split(";")[0].strip()[:2]
        if tag in LANGUAGES:
            return tag
    return "ru"
