"""Any document as YAML, its history with a readable diff, publish and roll back."""

from __future__ import annotations

from typing import Annotated

import yaml
from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.refusals import Refusals
from bot.services.content.diff import diff
from bot.services.content.documents import dump_yaml, jsonable
from bot.services.content.revisions import RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
Note = Annotated[str, Form(max_length=500)]


@router.get("/doc/{name:path}")
async def document_page(request: Request, admin: AdminDep, me: Editor, name: str) -> Response:
    working = await admin.working_copy(name)
    return await _document(request, admin, me, name, dump_yaml(working.data))


@router.post("/doc/{name:path}")
async def save_document(
    request: Request,
    admin: AdminDep,
    me: Editor,
    name: str,
    text: Annotated[str, Form(max_length=2_000_000)],
    note: Note = "",
) -> Response:
    await admin.working_copy(name)  # 404 for an unknown document
    try:
        data = jsonable(yaml.safe_load(text) or {})
        draft = await admin.revisions.save_draft(name, data, me.username, note)
    except yaml.YAMLError as exc:
        refusals = Refusals(admin, request)
        error = refusals.message([refusals.say("bad_yaml", detail=" ".join(str(exc).split()))])
        page = await _document(request, admin, me, name, text, error)
        page.status_code = 422
        return page
    except RevisionError as exc:
        page = await _document(request, admin, me, name, text, Refusals(admin, request).retold(exc))
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


async def _document(
    request: Request, admin: AdminDep, me: Editor, name: str, text: str, error: str | None = None
) -> Response:
    history = await admin.revisions.history(name)
    page: Response = admin.page(
        request, "document.html", me, name=name, text=text, error=error, history=history
    )
    return page


@router.get("/revision/{revision_id}")
async def revision_page(
    request: Request, admin: AdminDep, me: Editor, revision_id: int, error: str | None = None
) -> Response:
    revision = await admin.revisions.get(revision_id)
    if revision is None:
        raise HTTPException(404, "no such revision")
    history = await admin.revisions.history(revision.document)
    live = next((r for r in history if r.status == "published"), None)
    older = [r for r in history if r.number < revision.number]
    base, against = (older[0] if older else None), "previous"  # admin_changes_<against>
    if live is not None and live.id != revision.id:
        base, against = live, "published"
    changes = diff(base.data if base else {}, revision.data)
    page: Response = admin.page(
        request, "revision.html", me, revision=revision, base=base, against=against,
        changes=changes, live=live, error=error,
    )  # fmt: skip
    return page


@router.post("/revision/{revision_id}/publish")
async def publish(request: Request, admin: AdminDep, me: Editor, revision_id: int) -> Response:
    """Publish a draft, or roll back to an older revision (published as a new one)."""
    try:
        published = await admin.live.publish(revision_id, me.username)
    except RevisionError as exc:
        error = Refusals(admin, request).retold(exc)
        page = await revision_page(request, admin, me, revision_id, error=error)
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/revision/{published.id}", status_code=303)
