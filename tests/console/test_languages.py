"""The console speaks the operator's language: Kyrgyz when the browser asks for it first, else
Russian (dialogues/languages.yml `staff`), on every page, the login page included."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from bot.app import Sapar
from tests.console.conftest import PASSWORD, Login, client_for, csrf_of, hand_over

KYRGYZ = "ky,en;q=0.5"
# The console's Russian words that a Kyrgyz page must not show.
RUSSIAN = (">Выйти<", ">Очередь<", ">На месте<", ">Журнал доступа<", "Сапар · операторы")


async def kyrgyz(login: Login, role: str) -> httpx.AsyncClient:
    http = await login(role)
    http.headers["accept-language"] = KYRGYZ
    return http


def assert_kyrgyz(page: httpx.Response, *texts: str) -> None:
    assert page.status_code == 200
    assert '<html lang="ky">' in page.text
    for text in texts:
        assert text in page.text, text
    for text in RUSSIAN:
        assert text not in page.text, text


async def test_the_queue_in_kyrgyz(login: Login) -> None:
    page = await (await kyrgyz(login, "operator")).get("/console")
    assert_kyrgyz(page, "Сапар · операторлор", "<h1>Кезек</h1>", "Тобокелдик", "Кезек бош", "Чыгуу")


async def test_a_chat_in_kyrgyz(sapar: Sapar, login: Login) -> None:
    handoff_id = await hand_over(sapar)
    page = await (await kyrgyz(login, "operator")).get(f"/console/chats/{handoff_id}")
    assert_kyrgyz(page, "Чатты алуу", "Кат алышуу", "кезекте", "Эскертмени сактоо", "← Кезек")
    assert "Взять чат" not in page.text and "Переписка" not in page.text


async def test_the_access_log_in_kyrgyz(login: Login) -> None:
    page = await (await kyrgyz(login, "admin")).get("/console/audit")
    assert_kyrgyz(page, "<h1>Кирүү журналы</h1>", "Качан", "Толугураак")


async def test_russian_is_the_default_and_says_ru(sapar: Sapar, login: Login) -> None:
    operator = await login("operator")
    queue = await operator.get("/console")
    assert '<html lang="ru">' in queue.text and "<h1>Очередь</h1>" in queue.text
    assert "Сапар · операторы" in queue.text and "Кезек" not in queue.text
    chat = await operator.get(f"/console/chats/{await hand_over(sapar)}")
    assert '<html lang="ru">' in chat.text and "Взять чат" in chat.text


@pytest.mark.parametrize(
    ("language", "heading", "refusal"),
    [
        ("ky", "Операторлор үчүн кирүү", "Аты же сырсөзү туура эмес."),
        ("ru", "Вход для операторов", "Неверное имя или пароль."),
    ],
)
async def test_the_login_page_in_the_browsers_language(
    app: FastAPI, language: str, heading: str, refusal: str
) -> None:
    await app.state.console.staff.add("op", PASSWORD, "operator")
    async with client_for(app) as anonymous:
        anonymous.headers["accept-language"] = f"{language},en;q=0.5"
        page = await anonymous.get("/console/login")
        assert f'<html lang="{language}">' in page.text and heading in page.text
        token = await csrf_of(anonymous, "/console/login")
        form = {"username": "op", "password": "wrong-password-1", "csrf_token": token}
        refused = await anonymous.post("/console/login", data=form)
        assert refused.status_code == 401 and refusal in refused.text
        assert f'<html lang="{language}">' in refused.text
