"""Hotlines per country, canned replies and wage references as forms (the rest: YAML page)."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.forms import form_field
from bot.admin.refusals import Refusals
from bot.services.content.revisions import RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
HOTLINES = "knowledge/hotlines.yml"
CANNED = "knowledge/canned_replies.yml"
SECTIONS = ("emergency", "hotlines")
MAX_FIELD = 5000


@router.get("/hotlines")
async def hotlines(
    request: Request, admin: AdminDep, me: Editor, error: str = "", edited: Any = None,
    failed: str = "",
) -> Response:  # fmt: skip
    """The countries' numbers; after a refusal, the edited `data` and the `failed` country."""
    working = await admin.working_copy(HOTLINES)
    data = working.data if edited is None else edited
    page: Response = admin.page(
        request, "hotlines.html", me, countries=data.get("countries") or {},
        revision=working, sections=SECTIONS, error=error or None, failed=failed,
    )  # fmt: skip
    return page


@router.post("/hotlines/{code}")
async def save_country(request: Request, admin: AdminDep, me: Editor, code: str) -> Response:
    """Numbers, labels and hours of one country; `checked` is the date they were checked."""
    form = await request.form()
    working = await admin.working_copy(HOTLINES)
    data = copy.deepcopy(working.data)
    country = (data.get("countries") or {}).get(code)
    if country is None:
        raise HTTPException(404, "no such country")
    for section in SECTIONS:
        for n, entry in enumerate(country.get(section) or ()):
            entry["number"] = form_field(form, f"{section}-{n}-number")
            for part in ("label", "hours"):
                if part in entry:
                    entry[part] = {
                        lang: form_field(form, f"{section}-{n}-{part}-{lang}")
                        for lang in admin.languages
                    }
    country["checked"] = form_field(form, "checked")
    note = admin.words(request)("note_hotlines", code=code)
    return await _save(request, admin, me, HOTLINES, data, note, failed=code)


@router.get("/canned")
async def canned(
    request: Request, admin: AdminDep, me: Editor, error: str = "", edited: Any = None
) -> Response:
    working = await admin.working_copy(CANNED)
    data = working.data if edited is None else edited
    page: Response = admin.page(
        request, "canned.html", me, replies=data.get("replies") or [],
        revision=working, error=error or None,
    )  # fmt: skip
    return page


@router.post("/canned")
async def save_canned(request: Request, admin: AdminDep, me: Editor) -> Response:
    form = await request.form()
    working = await admin.working_copy(CANNED)
    data = copy.deepcopy(working.data)
    for n, reply in enumerate(data.get("replies") or ()):
        for part in ("title", *admin.languages):
            reply[part] = form_field(form, f"{n}-{part}")
    return await _save(request, admin, me, CANNED, data, admin.words(request)("note_canned"))


async def _save(
    request: Request, admin: AdminDep, me: Editor, name: str, data: Any, note: str,
    failed: str = "",
) -> Response:  # fmt: skip
    refusals = Refusals(admin, request)
    too_long = refusals.over_long(data, MAX_FIELD)
    if too_long:
        return await _refused(request, admin, me, name, data, refusals.message(too_long), failed)
    try:
        draft = await admin.revisions.save_draft(name, data, me.username, note)
    except RevisionError as exc:
        return await _refused(request, admin, me, name, data, refusals.retold(exc), failed)
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


async def _refused(
    request: Request, admin: AdminDep, me: Editor, name: str, data: Any, error: str,
    failed: str = "",
) -> Response:  # fmt: skip
    """The form again with the refusal in it and the editor's edits in its fields."""
    if name == HOTLINES:
        page = await hotlines(request, admin, me, error=error, edited=data, failed=failed)
    else:
        page = await (canned if name == CANNED else wages)(request, admin, me, error, data)
    page.status_code = 422
    return page


WAGES = "knowledge/wages.yml"


@router.get("/wages")
async def wages(
    request: Request, admin: AdminDep, me: Editor, error: str = "", edited: Any = None
) -> Response:
    working = await admin.working_copy(WAGES)
    data = working.data if edited is None else edited
    page: Response = admin.page(
        request, "wages.html", me, data=data, revision=working, error=error or None
    )
    return page


@router.post("/wages")
async def save_wages(request: Request, admin: AdminDep, me: Editor) -> Response:
    """Each reference's monthly range in US dollars, its source and checked date; the factor."""
    form = await request.form()
    working = await admin.working_copy(WAGES)
    data = copy.deepcopy(working.data)
    numbers = [_number(form, "factor", float)]
    data["factor"] = numbers[0]
    for n, ref in enumerate(data.get("references") or ()):
        ref["usd_month"] = [_number(form, f"{n}-low", int), _number(form, f"{n}-high", int)]
        numbers += ref["usd_month"]
        ref["source"] = form_field(form, f"{n}-source")
        ref["checked"] = form_field(form, f"{n}-checked")
    if any(isinstance(value, str) for value in numbers):  # the edits go back as typed
        refusals = Refusals(admin, request)
        error = refusals.message([refusals.say("not_numbers")])
        return await _refused(request, admin, me, WAGES, data, error)
    return await _save(request, admin, me, WAGES, data, admin.words(request)("note_wages"))


def _number(form: Any, name: str, kind: type[int] | type[float]) -> int | float | str:
    """The field as a number, or as typed when it is not one."""
    raw = form_field(form, name)
    try:
        return kind(raw)
    except ValueError:
        return raw
