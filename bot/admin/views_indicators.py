"""Warning signs of the offer check: names, texts, patterns, combinations, exceptions, question."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.forms import form_field
from bot.admin.refusals import Refusals
from bot.engine.offer.catalogue import SEVERITIES
from bot.services.content.revisions import Revision, RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
INDICATORS = "knowledge/indicators.yml"
TEXTS = ("name", "explanation", "advice")
MAX_FIELD = 20_000


@router.get("/indicators")
async def indicators(request: Request, admin: AdminDep, me: Editor) -> Response:
    working = await admin.working_copy(INDICATORS)
    page: Response = admin.page(
        request, "indicators.html", me, items=working.data.get("indicators") or {},
        revision=working,
    )  # fmt: skip
    return page


@router.get("/indicators/{ind_id}")
async def indicator(request: Request, admin: AdminDep, me: Editor, ind_id: str) -> Response:
    working = await admin.working_copy(INDICATORS)
    return _form(request, admin, me, ind_id, _item(working.data, ind_id), working)


@router.post("/indicators/{ind_id}")
async def save_indicator(request: Request, admin: AdminDep, me: Editor, ind_id: str) -> Response:
    form = await request.form()
    working = await admin.working_copy(INDICATORS)
    data = copy.deepcopy(working.data)
    item = _item(data, ind_id)
    item["severity"] = form_field(form, "severity")
    for part in TEXTS:
        item[part] = {lang: form_field(form, f"{part}-{lang}") for lang in admin.languages}
    item["patterns"] = {
        lang: [p.strip() for p in form_field(form, f"patterns-{lang}").split("\n") if p.strip()]
        for lang in admin.languages
    }
    item["combinations"] = combinations(form_field(form, "combinations"))
    item["unless"] = [p.strip() for p in form_field(form, "unless").split("\n") if p.strip()]
    for key in ("combinations", "unless"):
        if not item[key]:
            del item[key]
    if isinstance(item.get("question"), dict):
        for lang in admin.languages:
            item["question"][lang] = form_field(form, f"question-{lang}")
    refusals = Refusals(admin, request)
    too_long = refusals.over_long(item, MAX_FIELD, ind_id)
    error = refusals.message(too_long) if too_long else None
    if error is None:
        try:
            draft = await admin.revisions.save_draft(INDICATORS, data, me.username, ind_id)
        except RevisionError as exc:
            error = refusals.retold(exc)
    if error is not None:  # in the form, the edits kept
        page = _form(request, admin, me, ind_id, item, working, error=error)
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


def combinations(text: str) -> list[list[str]]:
    """One combination per line, its concepts joined by «+» («document + hand_over + holder»)."""
    found = []
    for line in text.split("\n"):
        names = [name.strip() for name in line.split("+") if name.strip()]
        if names:
            found.append(names)
    return found


def _item(data: dict[str, Any], ind_id: str) -> dict[str, Any]:
    found = (data.get("indicators") or {}).get(ind_id)
    if not isinstance(found, dict):
        raise HTTPException(404, "no such indicator")
    return found


def _form(
    request: Request, admin: AdminDep, me: Editor, ind_id: str, item: dict[str, Any],
    revision: Revision, error: str | None = None,
) -> Response:  # fmt: skip
    concepts = sorted((revision.data.get("concepts") or {}).keys())
    page: Response = admin.page(
        request, "indicator.html", me, ind_id=ind_id, item=item, revision=revision,
        severities=SEVERITIES, texts=TEXTS, error=error, concepts=concepts,
    )  # fmt: skip
    return page
