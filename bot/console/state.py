"""The console's parts, built once from a running Sapar and kept on `app.state.console`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from bot.clock import utcnow
from bot.console import labels
from bot.console.canned import Canned
from bot.console.words import Words
from bot.services.operators.assign import Assigner
from bot.services.operators.callback_requests import CallbackDesk
from bot.services.operators.dead_replies import DeadReplies
from bot.services.operators.desk import Desk
from bot.services.operators.events import Broadcaster
from bot.services.operators.satisfaction import SatisfactionReport
from bot.services.operators.window import WindowDesk
from bot.services.staff import Staff, StaffService
from bot.services.voices.keeper import VoiceKeeper
from bot.web import display
from bot.web.language import staff_language

if TYPE_CHECKING:
    from bot.settings import Settings

HERE = Path(__file__).parent


@dataclass
class Console:
    """Everything a console request needs."""

    settings: Settings
    staff: StaffService
    desk: Desk
    live: Broadcaster
    canned: tuple[Canned, ...]
    templates: Jinja2Templates
    zone: ZoneInfo
    dead: DeadReplies
    window: WindowDesk  # WhatsApp's 24-hour window and its templates
    satisfaction: SatisfactionReport  # the answers after close, counted (admins)
    assign: Assigner  # automatic assignment; chats back to the queue when an operator leaves
    callbacks: CallbackDesk  # callback requests left out of hours
    clock: Callable[[], datetime] = field(default=utcnow)  # what pages call now (tests move it)
    voices: VoiceKeeper | None = None  # voice notes of held chats, for the page's player

    def words(self, request: Request) -> Words:
        """The console's words in the language of the staff member asking."""
        content = self.desk.content()
        return Words(content, staff_language(request, content.languages))

    def page(self, request: Request, name: str, me: Staff | None, **values: Any) -> Any:
        """A rendered template; every page gets its words, the clock and who is asking."""
        say = self.words(request)
        response = self.templates.TemplateResponse(
            request, name, {"me": me, "now": self.clock(), "error": None, "say": say, **values}
        )
        response.headers["cache-control"] = "no-store"
        return response


def make_templates(zone: ZoneInfo) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every user text is data, never markup
        undefined=jinja2.StrictUndefined,
    )
    env.filters["shown"] = display.shown
    env.filters["preview"] = display.preview
    env.filters["local"] = lambda value: labels.local_time(value, zone)
    return Jinja2Templates(env=env)
