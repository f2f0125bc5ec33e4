"""The admin's parts, built once from a running Sapar and kept on `app.state.admin`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates

from bot.admin.words import Words
from bot.services.content.diff import show
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revision, Revisions
from bot.services.staff import Staff, StaffService
from bot.web import display
from bot.web.language import staff_language

if TYPE_CHECKING:
    from bot.settings import Settings

HERE = Path(__file__).parent
PATH = "/admin"  # the admin's own session cookie is scoped here
EDITOR_ROLES = ("editor", "admin")
FORMS = {  # documents with a form of their own (all have the YAML page too)
    "knowledge/answers.yml": "/admin/answers",
    "knowledge/hotlines.yml": "/admin/hotlines",
    "knowledge/canned_replies.yml": "/admin/canned",
    "knowledge/indicators.yml": "/admin/indicators",
    "knowledge/wages.yml": "/admin/wages",
}


@dataclass
class Admin:
    """Everything an admin request needs."""

    settings: Settings
    staff: StaffService
    live: LiveContent
    templates: Jinja2Templates

    @property
    def revisions(self) -> Revisions:
        return self.live.revisions

    @property
    def languages(self) -> tuple[str, ...]:
        """The live content's languages: every form and list has a column for each."""
        return self.live.store.current.languages.codes

    def words(self, request: Request) -> Words:
        """The admin's words in the language of the staff member asking."""
        content = self.live.store.current
        return Words(content, staff_language(request, content.languages))

    def page(self, request: Request, template: str, me: Staff, **values: Any) -> Any:
        """A rendered page; every page gets its words, who is asking and an optional error."""
        response = self.templates.TemplateResponse(
            request,
            template,
            {
                "say": self.words(request),
                "me": me,
                "error": None,
                "notice": None,
                "languages": self.languages,
                "labels": self.live.store.current.languages.labels,
                **values,
            },
        )
        response.headers["cache-control"] = "no-store"
        return response

    async def working_copy(self, document: str) -> Revision:
        """The newest revision of a document (a draft if there is one, else the live one)."""
        found = await self.revisions.latest(document)
        if found is None:
            raise HTTPException(404, "no such document")
        return found


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every text is data, never markup
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(forms=FORMS)
    env.filters["show"] = show
    env.filters["in_language"] = lambda lang, text: str(text.get(lang) or "")
    env.filters["shown"] = display.shown  # users' texts without bidi or zero-width characters
    env.filters["when"] = lambda value: value.strftime("%Y-%m-%d %H:%M UTC")
    return Jinja2Templates(env=env)
