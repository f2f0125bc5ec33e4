"""/insights/contacts: contacts seen in risky offers from several chats, for managers.

The list shows digests only (a prefix), with the chats per level and the offers' commonest
indicators; a manager learns about a number only by pasting it (audited). Mounted on its own
(`install`), so that the /insights pages and this one stay apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Request, Response
from fastapi.templating import Jinja2Templates

from bot.services.contact_checks import ContactChecks
from bot.services.staff import Staff
from bot.web.deps import ContactChecksDep as Checks
from bot.web.deps import Manager
from bot.web.language import staff_language
from bot.web.words import Words

if TYPE_CHECKING:
    from bot.app import Sapar
    from bot.engine.content.model import Content

PATH = "/insights/contacts"
PREFIX = "insights_contacts"  # dialogues/insights_contacts.yml
MAX_PASTE = 2000
TOP_INDICATORS = 3
templates = Jinja2Templates(directory=Path(__file__).parent / "contacts_templates")
router = APIRouter(prefix=PATH, include_in_schema=False)


def install(app: FastAPI, sapar: Sapar) -> None:
    """Mount the page; without a contacts key it says the feature is off."""
    checks = ContactChecks(sapar.db, sapar.contacts) if sapar.contacts is not None else None
    app.state.contact_checks = checks
    app.include_router(router)


def page(request: Request, me: Staff, checks: ContactChecks | None, **values: Any) -> Response:
    """The page in the manager's language; every page gets its words and labels."""
    content = request.app.state.sapar.content.current
    language = staff_language(request, content.languages)
    response = templates.TemplateResponse(
        request,
        "contacts.html",
        {
            "say": Words(content, language, PREFIX),
            "me": me,
            "on": checks is not None,
            "min_chats": checks.min_chats if checks else 0,
            "level": lambda level: _text(content, "levels", level, language),
            "indicator": lambda ind: _indicator(content, ind, language),
            "top": _top,
            "max_paste": MAX_PASTE,
            **values,
        },
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("")
async def contacts_page(request: Request, me: Manager, checks: Checks) -> Response:
    listed = await checks.most_seen() if checks else []
    return page(request, me, checks, listed=listed, checked=None)


@router.post("/check")
async def check_contact(
    request: Request, me: Manager, checks: Checks, pasted: Annotated[str, Form()] = ""
) -> Response:
    """Check, not browse: what is known of each contact pasted (audited)."""
    if checks is None:
        return page(request, me, checks, listed=[], checked=None)
    checked = await checks.check(pasted[:MAX_PASTE], who=me)
    return page(request, me, checks, listed=await checks.most_seen(), checked=checked)


def _top(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_INDICATORS]


def _text(content: Content, section: str, key: str, language: str) -> str:
    catalogue = content.offers
    try:
        return catalogue.text(section, key, language) if catalogue else key
    except KeyError:
        return key


def _indicator(content: Content, ind_id: str, language: str) -> str:
    catalogue = content.offers
    try:
        return catalogue.indicator(ind_id).name[language] if catalogue else ind_id
    except KeyError:  # an indicator editors removed since: its id still says what it was
        return ind_id
