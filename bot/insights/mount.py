"""Mounting the managers' room at /insights: `install(app, sapar)` on the web app.

Install it after the console: it shares the console's staff accounts and sessions (its
strangers log in at /console/login, which sends a manager back here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.insights import views
from bot.insights.state import HERE, PATH, InsightsRoom, make_templates
from bot.services.insights.report import InsightsReport, Targets

if TYPE_CHECKING:
    from bot.app import Sapar

__all__ = ["install"]


def install(app: FastAPI, sapar: Sapar) -> None:
    """Add the room's routes and static files."""
    operators = sapar.settings.operators
    targets = Targets(operators.claim_target_minutes, operators.first_reply_target_minutes)
    app.state.insights = InsightsRoom(
        report=InsightsReport(sapar.db, targets),
        content=lambda: sapar.content.current,
        templates=make_templates(),
    )
    app.mount(f"{PATH}/static", StaticFiles(directory=HERE / "static"), name="insights-static")
    app.include_router(views.router)
