"""Every /insights route checks its role: managers and admins read, nobody else does."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from bot.app import Sapar
from tests.console.conftest import Login
from tests.console.test_roles import api_routes
from tests.insights.seed import seed

READERS = ("manager", "admin")
OTHERS = ("operator", "editor")


def all_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every /insights route, found from the app so none is forgotten."""
    return [
        (method, path.replace("{name}", "levels"))
        for path, route in api_routes(app.routes)
        if path.startswith("/insights")
        for method in sorted((route.methods or set()) - {"HEAD"})
    ]


def insights_routes(app: FastAPI) -> list[tuple[str, str]]:
    """The pages read here; the contacts' paste-check (a POST) is tested with its page in
    tests/insights/test_contacts_pages.py."""
    return [(method, path) for method, path in all_routes(app) if method == "GET"]


def test_the_routes_under_test_are_the_ones_the_app_has(app: FastAPI) -> None:
    assert set(all_routes(app)) == {
        ("GET", "/insights"),
        ("GET", "/insights/csv/levels"),
        ("GET", "/insights/contacts"),
        ("POST", "/insights/contacts/check"),
    }


async def test_strangers_are_sent_to_log_in_and_see_no_figure(
    app: FastAPI, sapar: Sapar, anonymous: httpx.AsyncClient
) -> None:
    await seed(sapar.db)
    for _, path in insights_routes(app):
        page = await anonymous.get(path, headers={"accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"] == "/console/login", path
        api = await anonymous.get(path, headers={"accept": "text/csv"})
        assert api.status_code == 401, path
        assert "critical" not in page.text + api.text


async def test_operators_and_editors_get_403(app: FastAPI, sapar: Sapar, login: Login) -> None:
    await seed(sapar.db)
    for role in OTHERS:
        http = await login(role)
        for _, path in insights_routes(app):
            response = await http.get(path, headers={"accept": "text/html"})
            assert response.status_code == 403, (role, path)
            assert "critical" not in response.text and "< 5" not in response.text


async def test_managers_and_admins_read_every_route(
    app: FastAPI, sapar: Sapar, login: Login
) -> None:
    await seed(sapar.db)
    for role in READERS:
        http = await login(role)
        for _, path in insights_routes(app):
            response = await http.get(path, headers={"accept": "text/html"})
            assert response.status_code == 200, (role, path, response.text[:300])


async def test_a_manager_logging_in_lands_on_insights(app: FastAPI, login: Login) -> None:
    http = await login("manager")
    response = await http.get("/console/login", headers={"accept": "text/html"})
    assert response.status_code == 303 and response.headers["location"] == "/insights"
