"""The queue's rows against their waiting targets, and the presence toggle giving chats back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI

from bot.app import Sapar, build
from bot.clock import utcnow
from bot.console.mount import late_alerts
from bot.settings import load_settings
from tests.channels.toy import ToyDeliverer
from tests.console.conftest import Login, csrf_of, hand_over


async def test_a_row_past_its_target_is_marked_in_words_not_colour_alone(
    sapar: Sapar, app: FastAPI, login: Login
) -> None:
    handoff_id = await hand_over(sapar, "/operator")  # asked for a person: 15 minutes
    http = await login("operator")
    console = app.state.console
    fresh = (await http.get("/console/queue")).text
    assert 'class="row row--late"' not in fresh and "data-due=" in fresh
    assert "hidden>⏰ Ждёт дольше нормы (15 мин)" in fresh  # there for the script, not shown
    console.clock = lambda: utcnow() + timedelta(minutes=16)
    late = (await http.get("/console/queue")).text
    assert 'class="row row--late"' in late and f'data-handoff="{handoff_id}"' in late
    assert '<span class="row__late">⏰ Ждёт дольше нормы (15 мин)</span>' in late
    assert "16 мин" in late
    kyrgyz = await http.get("/console/queue", headers={"accept-language": "ky"})
    assert "⏰ Күтүү мөөнөтү (15 мүн.) өтүп кетти" in kyrgyz.text


async def test_a_taken_chat_has_no_target_and_going_away_puts_it_back(
    sapar: Sapar, app: FastAPI, login: Login
) -> None:
    handoff_id = await hand_over(sapar, "/operator")
    http = await login("operator")
    token = await csrf_of(http, "/console")
    await http.post(f"/console/chats/{handoff_id}/claim", data={"csrf_token": token})
    app.state.console.clock = lambda: utcnow() + timedelta(hours=2)
    taken = (await http.get("/console/queue")).text
    assert "data-due=" not in taken and "row--late" not in taken
    away = await http.post("/console/presence", data={"csrf_token": token, "presence": "away"})
    assert away.status_code == 303
    back = (await http.get("/console/queue")).text
    assert "row--late" in back and 'class="claim"' in back  # waiting again, since the start
    assert f"/console/chats/{handoff_id}" in back


async def test_the_console_alerts_through_telegram_only_when_a_chat_is_set(
    tmp_path: Path,
) -> None:
    telegram = ToyDeliverer()
    database = {"url": f"sqlite+aiosqlite:///{tmp_path / 'alerts.db'}"}
    chat = {"late_alert_telegram_chat": "-100777"}
    off = build(load_settings(database=database), extra_deliverers={"telegram": telegram})
    no_telegram = build(load_settings(database=database, operators=chat))
    assert late_alerts(off) is None and late_alerts(no_telegram) is None
    sapar = build(
        load_settings(database=database, operators=chat), extra_deliverers={"telegram": telegram}
    )
    await sapar.start()
    try:
        await hand_over(sapar, "/operator")
        alerts = late_alerts(sapar)
        assert alerts is not None
        assert await alerts.run_once(utcnow() + timedelta(minutes=16)) == 1
    finally:
        await sapar.stop()
    ((text,),) = telegram.delivered.values()
    assert list(telegram.delivered) == ["-100777"] and "Просит человека" in text
