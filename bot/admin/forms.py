"""Reading the admin's posted forms: one field, as typed, or a clear 422."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException


def form_field(form: Any, name: str) -> str:
    """A posted field, line ends normalised; a missing one is a 422, an over-long one is
    refused by the caller with its reason (never cut)."""
    value = form.get(name)
    if not isinstance(value, str):
        raise HTTPException(422, f"field {name} is missing")
    return value.replace("\r\n", "\n").strip()
