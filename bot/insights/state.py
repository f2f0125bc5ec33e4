"""The insights room's parts, built once from a running Sapar and kept on `app.state.insights`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from bot.insights.labels import Labels
from bot.services.insights.report import InsightsReport
from bot.services.staff import Staff
from bot.web.language import staff_language
from bot.web.words import Words

if TYPE_CHECKING:
    from bot.engine.content.model import Content

HERE = Path(__file__).parent
PATH = "/insights"


@dataclass
class InsightsRoom:
    """Everything an /insights request needs."""

    report: InsightsReport
    content: Callable[[], Content]
    templates: Jinja2Templates

    def language(self, request: Request) -> str:
        return staff_language(request, self.content().languages)

    def words(self, request: Request) -> Words:
        """The room's words (`insights_*`) in the language of the staff member asking."""
        return Words(self.content(), self.language(request), "insights")

    def labels(self, request: Request) -> Labels:
        return Labels(self.content(), self.language(request))

    def page(self, request: Request, name: str, me: Staff, **values: Any) -> Any:
        """A rendered page with its words, labels and who is asking."""
        status = int(values.pop("status_code", 200))
        context = {"me": me, "say": self.words(request), "label": self.labels(request)}
        response = self.templates.TemplateResponse(
            request, name, {**context, **values}, status_code=status
        )
        response.headers["cache-control"] = "no-store"
        return response


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return Jinja2Templates(env=env)
