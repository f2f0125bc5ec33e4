"""Known legitimate employers: an editor pastes a contact, and its warning stops (audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from bot.web.deps import AdminDep, ContactChecksDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
MAX_PASTE = 2000


@router.get("/contacts")
async def contacts_page(
    request: Request, admin: AdminDep, me: Editor, checks: ContactChecksDep
) -> Response:
    page: Response = admin.page(
        request, "contacts.html", me, on=checks is not None, marked=None, max_paste=MAX_PASTE
    )
    return page


@router.post("/contacts")
async def mark_contacts(
    request: Request,
    admin: AdminDep,
    me: Editor,
    checks: ContactChecksDep,
    pasted: Annotated[str, Form()] = "",
    legitimate: Annotated[str, Form()] = "yes",
) -> Response:
    """Mark (`legitimate=yes`) or unmark every contact in the pasted text."""
    marked = None
    if checks is not None:
        marked = await checks.mark(pasted[:MAX_PASTE], who=me, legitimate=legitimate == "yes")
    page: Response = admin.page(
        request, "contacts.html", me, on=checks is not None, marked=marked,
        legitimate=legitimate == "yes", max_paste=MAX_PASTE,
    )  # fmt: skip
    return page
