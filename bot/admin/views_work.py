"""Work lists (missing translations, stale items, unanswered questions), "try it", CSV import."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.refusals import Refusals
from bot.engine.content.languages import ContentError
from bot.engine.offer.report import render_report
from bot.engine.offer.risk import check_text
from bot.services.content import unanswered
from bot.services.content.documents import OFFER_FILES, catalogue
from bot.services.content.revisions import RevisionError
from bot.services.content.work import (
    agencies_from_csv,
    group_similar,
    intents,
    missing_translations,
    stale,
    with_example,
)
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
Ids = Annotated[list[int], Form()]


@router.get("/work")
async def work(
    request: Request, admin: AdminDep, me: Editor, notice: str | None = None
) -> Response:
    docs = (await admin.revisions.live()).documents
    questions = await unanswered.open_questions(admin.revisions.db)
    months = admin.settings.content.stale_months
    page: Response = admin.page(
        request, "work.html", me,
        missing=missing_translations(docs), stale=stale(docs, months, datetime.now(UTC).date()),
        months=months, groups=group_similar(questions),
        intents=intents(docs.get(f"nlu/{admin.languages[0]}.yml") or {}), notice=notice,
    )  # fmt: skip
    return page


@router.post("/work/dismiss")
async def dismiss(admin: AdminDep, me: Editor, ids: Ids) -> Response:
    await unanswered.settle(admin.revisions.db, ids, "dismissed")
    return RedirectResponse("/admin/work", status_code=303)


@router.post("/work/example")
async def add_example(
    request: Request,
    admin: AdminDep,
    me: Editor,
    ids: Ids,
    intent: Annotated[str, Form(max_length=64)],
    language: Annotated[str, Form(max_length=3)],
    text: Annotated[str, Form(max_length=1000)],
) -> Response:
    """Append the text to the intent's examples as a draft of nlu/<language>.yml."""
    if language not in admin.languages:
        raise HTTPException(422, "language: one of Sapar's languages")
    name = f"nlu/{language}.yml"
    working = await admin.working_copy(name)
    try:
        data = with_example(working.data, intent, text)
        draft = await admin.revisions.save_draft(name, data, me.username, f"+ {intent}: {text}")
    except (ValueError, RevisionError) as exc:
        notice = admin.words(request)("example_not_added", detail=exc)
        return await work(request, admin, me, notice=notice)
    await unanswered.settle(admin.revisions.db, ids, "added")
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)


@router.api_route("/try", methods=["GET", "POST"])
async def try_offer(request: Request, admin: AdminDep, me: Editor) -> Response:
    """Run the offer check on pasted text with the newest (draft) indicators and references."""
    form = await request.form() if request.method == "POST" else None
    text = str(form.get("text") or "")[:20000] if form else ""
    docs = dict((await admin.revisions.live()).documents)
    for part in OFFER_FILES:
        docs[f"knowledge/{part}.yml"] = (await admin.working_copy(f"knowledge/{part}.yml")).data
    report = error = None
    if text.strip():
        try:
            found = catalogue(docs)
            report = render_report(check_text(text, found), found)
        except ContentError as exc:  # a draft the check cannot read, retold line by line
            error = Refusals(admin, request).retold(exc)
    page: Response = admin.page(request, "try.html", me, text=text, report=report, error=error)
    return page


@router.post("/agencies/import")
async def import_agencies(
    request: Request,
    admin: AdminDep,
    me: Editor,
    csv_text: Annotated[str, Form(max_length=2_000_000)],
    source: Annotated[str, Form(max_length=500)],
    complete: Annotated[bool, Form()] = False,
) -> Response:
    """Replace the agency list with a CSV register, as a draft."""
    name = "knowledge/agencies.yml"
    working = await admin.working_copy(name)
    try:
        data = agencies_from_csv(working.data, csv_text, complete=complete, source=source)
        draft = await admin.revisions.save_draft(name, data, me.username, "CSV import")
    except (ValueError, RevisionError) as exc:
        notice = admin.words(request)("csv_not_imported", detail=exc)
        return await work(request, admin, me, notice=notice)
    return RedirectResponse(f"/admin/revision/{draft.id}", status_code=303)
