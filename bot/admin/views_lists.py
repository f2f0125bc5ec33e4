"""Hotlines per country, canned replies and wage references as forms (the rest: YAML page)."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.services.content.revisions import RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
HOTLINES = "knowledge/hotlines.yml"
CANNED = "knowledge/canned_replies.yml"
SECTIONS = ("emergency", "hotlines")
MAX_FIELD = 5000


@router.get("/hotlines")
async def hotlines(request: Request, admin: AdminDep, me: Editor, error: str = "") -> Response:
    working = await admin.working_copy(HOTLINES)
    page: Response = admin.page(
        request, "hotlines.html", me, countries=working.data.get("countries") or {},
        revision=working, sections=SECTIONS, error=error or None,
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
            entry["number"] = _field(form, f"{section}-{n}-number")
            for part in ("label", "hours"):
                if part in entry:
                    entry[part] = {
                        lang: _field(form, f"{section}-{n}-{part}-{lang}") for lang in ("ky", "ru")
                    }
    country["checked"] = _field(form, "checked")
    return await _save(request, admin, me, HOTLINES, data, f"{code}: номера")


@router.get("/canned")
async def canned(request: Request, admin: AdminDep, me: Editor, error: str = "") -> Response:
    working = await admin.working_copy(CANNED)
    page: Response = admin.page(
        request, "canned.html", me, replies=working.data.get("replies") or [],
        revision=working, error=error or None,
    )  # fmt: skip
    return page


@router.post("/canned")
async def save_canned(request: Request, admin: AdminDep, me: Editor) -> Response:
    form = await request.form()
    working = await admin.working_copy(CANNED)
    data = copy.deepcopy(working.data)
    for n, reply in enumerate(data.get("replies") or ()):
        for part in ("title", "ky", "ru"):
            reply[part] = _field(form, f"{n}-{part}")
    return await _save(request, admin, me, CANNED, data, "готовые ответы")


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        raise HTTPException(422, f"field {name} is missing")
    return value.replace("\r\n", "\n").strip()[:MAX_FIELD]


async def _save(
    request: Request, admin: AdminDep, me: Editor, name: str, data: Any, note: str
) -> Response:
    try:
        draft = await admin.revisions.save_draft(name, data, me.username, note)
    except RevisionError as exc:
        view = {HOTLINES: hotlines, CANNED: canned}.get(name, wages)
        page = await view(request, admin, me, error=str(exc))
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


WAGES = "knowledge/wages.yml"


@router.get("/wages")
async def wages(request: Request, admin: AdminDep, me: Editor, error: str = "") -> Response:
    working = await admin.working_copy(WAGES)
    page: Response = admin.page(
        request, "wages.html", me, data=working.data, revision=working, error=error or None
    )
    return page


@router.post("/wages")
async def save_wages(request: Request, admin: AdminDep, me: Editor) -> Response:
    """Each reference's monthly range in US dollars, its source and checked date; the factor."""
    form = await request.form()
    working = await admin.working_copy(WAGES)
    data = copy.deepcopy(working.data)
    try:
        data["factor"] = float(_field(form, "factor"))
        for n, ref in enumerate(data.get("references") or ()):
            ref["usd_month"] = [int(_field(form, f"{n}-low")), int(_field(form, f"{n}-high"))]
            ref["source"] = _field(form, f"{n}-source")
            ref["checked"] = _field(form, f"{n}-checked")
    except ValueError:
        page = await wages(request, admin, me, error="Суммы и множитель — числа.")
        page.status_code = 422
        return page
    return await _save(request, admin, me, WAGES, data, "справочные зарплаты")
