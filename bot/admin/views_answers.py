"""The admin's start page and answers: list, search, edit ky and ru side by side, preview."""

from __future__ import annotations

import copy
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from bot.admin.refusals import Refusals
from bot.admin.words import DOCUMENTS, NLU
from bot.engine.content.answers import parse_answers
from bot.engine.content.languages import ContentError
from bot.engine.dialogue import replies
from bot.services.content.revisions import Revision, RevisionError
from bot.web.deps import AdminDep, Editor

router = APIRouter(prefix="/admin", include_in_schema=False)
ANSWERS = "knowledge/answers.yml"
FIELDS = ("title", "short", "more")
MAX_FIELD = 5000
MAX_NOTE = 500
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Empty and over-long fields are accepted here and refused in the form, with the edits kept:
# a refusal by FastAPI's validation would be a JSON page that loses them.
Text = Annotated[str, Form()]


@router.get("")
async def index(request: Request, admin: AdminDep, me: Editor) -> Response:
    live = await admin.revisions.live()
    drafts = await admin.revisions.drafts()
    names = [n for n in DOCUMENTS if n in live.documents]
    names += sorted(n for n in live.documents if NLU.fullmatch(n))
    names += sorted(n for n in live.documents if n not in names)
    page: Response = admin.page(request, "index.html", me, names=names, drafts=drafts)
    return page


@router.get("/answers")
async def answers(request: Request, admin: AdminDep, me: Editor, q: str = "") -> Response:
    copy_ = await admin.working_copy(ANSWERS)
    wanted = q.strip().lower()
    items = [
        item
        for item in copy_.data.get("answers") or ()
        if not wanted or wanted in _searchable(item)
    ]
    page: Response = admin.page(request, "answers.html", me, items=items, q=q, revision=copy_)
    return page


def _searchable(item: dict[str, Any]) -> str:
    parts = [str(item.get("id", ""))]
    for field in FIELDS:
        parts += [str(v) for v in dict(item.get(field) or {}).values()]
    return " ".join(parts).lower()


@router.get("/answers/{answer_id}")
async def answer_page(
    request: Request, admin: AdminDep, me: Editor, answer_id: str, saved: int | None = None
) -> Response:
    copy_ = await admin.working_copy(ANSWERS)
    item = _item(copy_.data, answer_id)
    notice = admin.words(request)("saved_draft", number=saved) if saved else None
    return _form(request, admin, me, item, copy_, notice=notice)


@router.post("/answers/{answer_id}")
async def save_answer(
    request: Request,
    admin: AdminDep,
    me: Editor,
    answer_id: str,
    checked: Text = "",
    note: Text = "",
) -> Response:  # fmt: skip
    form = await request.form()
    copy_ = await admin.working_copy(ANSWERS)
    data = copy.deepcopy(copy_.data)
    item = _item(data, answer_id)
    for field in ("title", "short", "more"):
        item[field] = {
            lang: str(form.get(f"{field}_{lang}") or "").replace("\r\n", "\n").strip()
            for lang in admin.languages
        }
    item["checked"] = checked.strip()
    refusals = Refusals(admin, request)
    problems = _problems(refusals, item)
    if not DATE.fullmatch(item["checked"]):
        problems.append(refusals.say("bad_date"))
    if len(note) > MAX_NOTE:
        problems.append(refusals.say("note_too_long", limit=MAX_NOTE))
    error = refusals.message(problems) if problems else None
    if error is None:
        try:
            draft = await admin.revisions.save_draft(ANSWERS, data, me.username, note)
        except RevisionError as exc:
            error = refusals.retold(exc)
    if error is not None:
        page = _form(request, admin, me, item, copy_, error=error, note=note)
        page.status_code = 422
        return page
    return RedirectResponse(f"/admin/answers/{answer_id}?saved={draft.number}", status_code=303)


def _problems(refusals: Refusals, item: dict[str, Any]) -> list[str]:
    """Empty or over-long texts, named as the form names them, in the editor's language."""
    found = []
    for field in FIELDS:
        name = refusals.say(f"field_{field}")
        for lang, text in item[field].items():
            if not text:
                found.append(refusals.empty(name, lang))
            elif len(text) > MAX_FIELD:
                found.append(refusals.too_long(name, lang, MAX_FIELD))
    return found


def _item(data: dict[str, Any], answer_id: str) -> dict[str, Any]:
    for item in data.get("answers") or ():
        if item.get("id") == answer_id:
            found: dict[str, Any] = item
            return found
    raise HTTPException(404, "no such answer")


def _form(
    request: Request, admin: AdminDep, me: Editor, item: dict[str, Any], revision: Revision,
    *, error: str | None = None, notice: str | None = None, note: str = "",
) -> Response:  # fmt: skip
    page: Response = admin.page(
        request, "answer.html", me, item=item, revision=revision,
        previews=_previews(admin, item), error=error, notice=notice, note=note,
    )  # fmt: skip
    return page


def _previews(admin: AdminDep, item: dict[str, Any]) -> dict[str, Any]:
    """The answer as a chat bubble with its buttons, per language (none while it is broken)."""
    try:
        content = admin.live.store.current
        answer = parse_answers({"answers": [item]}, content.languages)[str(item["id"])]
    except ContentError:
        return {}
    return {lang: replies.answer_short(content, answer, None, lang) for lang in admin.languages}
