"""Logging in and out: cookies, wrong passwords, throttling, CSRF on the login form."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.console.conftest import PASSWORD, Login, client_for, csrf_of


async def test_login_sets_a_secure_http_only_strict_cookie(app: FastAPI) -> None:
    await app.state.console.staff.add("ann", PASSWORD, "operator")
    async with client_for(app) as http:
        token = await csrf_of(http, "/console/login")
        response = await http.post(
            "/console/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303 and response.headers["location"] == "/console"
        cookie = next(c for c in response.headers.get_list("set-cookie") if "sapar_staff=" in c)
        for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/;"):
            assert flag in cookie, cookie
        queue = await http.get("/console")
        assert queue.status_code == 200 and "Очередь" in queue.text


async def test_wrong_password_and_unknown_name_look_the_same(app: FastAPI) -> None:
    await app.state.console.staff.add("ann", PASSWORD, "operator")
    async with client_for(app) as http:
        answers = []
        for name, password in (("ann", "wrong-password"), ("nobody", PASSWORD)):
            token = await csrf_of(http, "/console/login")
            answers.append(
                await http.post(
                    "/console/login",
                    data={"username": name, "password": password, "csrf_token": token},
                )
            )
        assert [a.status_code for a in answers] == [401, 401]
        assert all("Неверное имя или пароль" in a.text for a in answers)
        assert "sapar_staff=" not in " ".join(answers[0].headers.get_list("set-cookie"))


async def test_logins_are_throttled_after_repeated_failures(app: FastAPI) -> None:
    await app.state.console.staff.add("ann", PASSWORD, "operator")
    limit = app.state.console.settings.operators.login_max_failures
    async with client_for(app) as http:
        for _ in range(limit):
            token = await csrf_of(http, "/console/login")
            await http.post(
                "/console/login", data={"username": "ann", "password": "nope", "csrf_token": token}
            )
        token = await csrf_of(http, "/console/login")
        response = await http.post(
            "/console/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 401 and "Слишком много" in response.text
        assert "sapar_staff=" not in " ".join(response.headers.get_list("set-cookie"))


async def test_the_login_form_refuses_a_post_without_its_token(app: FastAPI) -> None:
    await app.state.console.staff.add("ann", PASSWORD, "operator")
    async with client_for(app) as http:
        response = await http.post("/console/login", data={"username": "ann", "password": PASSWORD})
        assert response.status_code == 403
        await csrf_of(http, "/console/login")  # the cookie is set, but the field is wrong
        response = await http.post(
            "/console/login", data={"username": "ann", "password": PASSWORD, "csrf_token": "x"}
        )
        assert response.status_code == 403


async def test_logout_ends_the_session(login: Login) -> None:
    http = await login("operator")
    token = await csrf_of(http, "/console")
    cookie = http.cookies.get("sapar_staff")
    response = await http.post("/console/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/console/login"
    # Even a client that kept the old cookie is no longer let in.
    http.cookies.set("sapar_staff", str(cookie), domain="testserver", path="/console")
    assert (await http.get("/console", headers={"accept": "text/html"})).status_code == 303


async def test_a_disabled_account_loses_its_session(app: FastAPI, login: Login) -> None:
    http = await login("operator", "zed")
    assert (await http.get("/console")).status_code == 200
    await app.state.console.staff.disable("zed")
    response = await http.get("/console", headers={"accept": "application/json"})
    assert response.status_code == 401


async def test_editors_are_not_shown_conversations(login: Login) -> None:
    http: httpx.AsyncClient = await login("editor")
    response = await http.get("/console")
    assert response.status_code == 403 and "Очередь" not in response.text


async def test_regression_one_login_serves_both_rooms_by_role(app: FastAPI) -> None:
    """Staff had to log in twice: the session cookie only reached /console."""
    await app.state.console.staff.add("dina", PASSWORD, "editor")
    async with client_for(app) as http:
        token = await csrf_of(http, "/console/login")
        response = await http.post(
            "/console/login", data={"username": "dina", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303 and response.headers["location"] == "/admin"
        admin = await http.get("/admin", headers={"accept": "text/html"})
        assert admin.status_code == 200
        assert (await http.get("/console")).status_code == 403  # an editor sees no chats
