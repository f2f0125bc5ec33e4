"""Mounting the operators' console at /console: `install(app, sapar)` on the web app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.console import (
    views_callbacks,
    views_chat,
    views_dead,
    views_live,
    views_queue,
    views_satisfaction,
    views_voice,
)
from bot.console.canned import load_canned
from bot.console.state import HERE, Console, make_templates
from bot.services.operators.assign import Assigner
from bot.services.operators.callback_requests import CallbackDesk
from bot.services.operators.dead_replies import DeadReplies
from bot.services.operators.desk import Desk
from bot.services.operators.events import Broadcaster, LiveEvent
from bot.services.operators.late_alerts import LateAlerts
from bot.services.operators.satisfaction import SatisfactionReport
from bot.services.operators.shift_job import ShiftJob
from bot.services.operators.window import WindowDesk
from bot.services.staff import StaffService
from bot.web import views_login
from bot.web.login import LoginRoom
from bot.web.sessions import session_secret

if TYPE_CHECKING:
    from bot.app import Sapar

__all__ = ["install", "late_alerts"]
log = logging.getLogger(__name__)
PATH = "/console"


def install(app: FastAPI, sapar: Sapar) -> None:
    """Add the console's routes, static files and live updates to the web app."""
    settings = sapar.settings
    zone = ZoneInfo(settings.operators.timezone)
    live = Broadcaster(sapar.db)
    escalations = sapar.conversations.escalations
    escalations.settings = settings.operators  # the configured hours, whoever built it
    escalations.listeners.append(live.publish)
    assign = Assigner(
        sapar.db,
        lambda: sapar.content.current,
        settings.operators,
        publish=_to_topics(live.publish, sapar),  # a chat given or given back is told there
        wake=sapar.sender.wake,
    )
    escalations.listeners.append(assign.on_event)  # after the broadcast: new, then given

    publish = _desk_publish(live, sapar)
    staff = StaffService(sapar.db, settings.operators, session_secret(settings))
    staff.shift = assign
    app.state.console = Console(
        settings=settings,
        staff=staff,
        desk=Desk(sapar.db, lambda: sapar.content.current, publish=publish, wake=sapar.sender.wake),
        assign=assign,
        live=live,
        canned=load_canned(settings.path(settings.content.dir)),
        templates=make_templates(zone),
        zone=zone,
        dead=DeadReplies(sapar.db, wake=sapar.sender.wake),
        window=WindowDesk(
            sapar.db, settings.whatsapp.templates, publish=live.publish, wake=sapar.sender.wake
        ),
        satisfaction=SatisfactionReport(sapar.db),
        voices=sapar.voices,
        callbacks=CallbackDesk(sapar.db),
    )
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    console: Console = app.state.console
    rooms = app.state.login_rooms = getattr(app.state, "login_rooms", {})
    rooms[PATH] = LoginRoom(
        PATH,
        console.staff,
        settings,
        lambda request, token, error: console.page(
            request,
            "login.html",
            None,
            csrf_token=token,
            error=error and console.words(request)(f"login_{error.value}"),
        ),
    )
    app.include_router(views_login.router, prefix=PATH)
    views = (
        views_queue, views_chat, views_live, views_dead, views_satisfaction, views_voice,
        views_callbacks,
    )  # fmt: skip
    for module in views:
        app.include_router(module.router)
    _run_while_serving(app, live, ShiftJob(assign, alerts=late_alerts(sapar)))


def late_alerts(sapar: Sapar) -> LateAlerts | None:
    """Alerts to the operators' Telegram chat, when one is set and Telegram is on."""
    telegram = sapar.deliverers.get("telegram")
    operators = sapar.settings.operators
    if operators.late_alert_telegram_chat is None:
        return None
    if telegram is None:
        log.warning("operators.late_alert_telegram_chat is set but Telegram is off: no alerts")
        return None
    return LateAlerts(sapar.db, lambda: sapar.content.current, operators, telegram.deliver)


def _run_while_serving(app: FastAPI, live: Broadcaster, shift: ShiftJob) -> None:
    """Run the shift round while the app serves; stop it and close the LISTEN connection
    before the app's own shutdown disposes of the database."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with inner(application) as state:
            shift.start()
            try:
                yield state
            finally:
                await shift.stop()
                await live.stop()

    app.router.lifespan_context = lifespan


def _desk_publish(live: Broadcaster, sapar: Sapar) -> Callable[[LiveEvent], Awaitable[None]]:
    """The desk's changes go to the consoles and the operators' topics, and a closed chat's
    voice notes go."""

    async def publish(event: LiveEvent) -> None:
        await live.publish(event)
        if sapar.voices is not None:
            await sapar.voices.on_event(event)

    return _to_topics(publish, sapar)


def _to_topics(
    publish: Callable[[LiveEvent], Awaitable[None]], sapar: Sapar
) -> Callable[[LiveEvent], Awaitable[None]]:
    """`publish`, then the operators' topics hear it too (when they are on)."""

    async def both(event: LiveEvent) -> None:
        await publish(event)
        if sapar.topics is not None:
            await sapar.topics.on_event(event)

    return both
