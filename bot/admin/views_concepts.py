"""The offer check's concepts: named word lists that indicators combine («document + holder»).

One form holds every concept: its terms comma-separated (the start of a word; «=» at the end
for a whole word), an empty list removes it, and a new one is added by name. The draft is
checked like any revision: a combination naming a removed concept is refused with the reason.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.forms import form_field
from bot.admin.refusals import Refusals
from bot.admin.views_indicators import INDICATORS, MAX_FIELD
from bot.services.content.revisions import Revision, RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


@router.get("/concepts")
async def concepts(request: Request, admin: AdminDep, me: Editor) -> Response:
    working = await admin.working_copy(INDICATORS)
    return _page(request, admin, me, working.data, working)


@router.post("/concepts")
async def save_concepts(request: Request, admin: AdminDep, me: Editor) -> Response:
    form = await request.form()
    working = await admin.working_copy(INDICATORS)
    data = copy.deepcopy(working.data)
    found: dict[str, list[str]] = {}
    for name in data.get("concepts") or {}:
        terms = terms_of(form_field(form, f"concept-{name}"))
        if terms:
            found[name] = terms
    new_name = form_field(form, "new-name").lower()
    new_terms = terms_of(form_field(form, "new-terms"))
    refusals = Refusals(admin, request)
    problems = refusals.over_long(found, MAX_FIELD, "concepts")
    if new_name or new_terms:
        if NAME.fullmatch(new_name) is None or not new_terms:
            problems.append(refusals.say("concept_name"))
        else:
            found[new_name] = new_terms
    data["concepts"] = found
    error = refusals.message(problems) if problems else None
    if error is None:
        try:
            draft = await admin.revisions.save_draft(INDICATORS, data, me.username, "concepts")
        except RevisionError as exc:
            error = refusals.retold(exc)
    if error is not None:  # in the form, the edits kept
        page = _page(request, admin, me, data, working, error=error)
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


def terms_of(text: str) -> list[str]:
    """Comma- or line-separated terms, blank ones dropped, each once."""
    return list(dict.fromkeys(t.strip() for t in re.split(r"[,\n]", text) if t.strip()))


def _used_by(data: dict[str, Any]) -> dict[str, list[str]]:
    """Which indicators combine each concept."""
    used: dict[str, list[str]] = {}
    for ind_id, item in (data.get("indicators") or {}).items():
        for combo in (item or {}).get("combinations") or []:
            for name in combo:
                if ind_id not in used.setdefault(str(name), []):
                    used[str(name)].append(ind_id)
    return used


def _page(
    request: Request, admin: AdminDep, me: Editor, data: dict[str, Any], revision: Revision,
    error: str | None = None,
) -> Response:  # fmt: skip
    page: Response = admin.page(
        request, "concepts.html", me, concepts=data.get("concepts") or {},
        used=_used_by(data), revision=revision, error=error,
    )  # fmt: skip
    return page
