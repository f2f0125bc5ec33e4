"""The admin speaks the staff member's language: Kyrgyz when the browser asks for it first,
else Russian (dialogues/languages.yml `staff`), on every page, the login page included."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.admin.conftest import csrf
from tests.admin.test_lists import fields
from tests.console.conftest import PASSWORD, Login, client_for, csrf_of

KYRGYZ = "ky,en;q=0.5"
# The admin's own Russian words (as the markup holds them) that a Kyrgyz page must not show.
RUSSIAN = (
    ">Сохранить черновик<",
    ">Выйти<",
    ">Содержание бота<",
    ">Проверить вакансию<",
    ">Ответы<",
)


async def kyrgyz_editor(login: Login) -> httpx.AsyncClient:
    editor = await login("editor")
    editor.headers["accept-language"] = KYRGYZ
    return editor


def assert_kyrgyz(page: httpx.Response, *texts: str) -> None:
    assert '<html lang="ky">' in page.text
    for text in texts:
        assert text in page.text, text
    for text in RUSSIAN:
        assert text not in page.text, text


async def test_the_index_in_kyrgyz(login: Login) -> None:
    page = await (await kyrgyz_editor(login)).get("/admin")
    assert page.status_code == 200
    assert_kyrgyz(page, "Сапар · мазмун", "Боттун мазмуну", "Жумуш сунушун текшерүү", "Чыгуу")
    assert "Өлкөлөр боюнча ишеним телефондору" in page.text  # a document's title
    assert "Сүйлөм мисалдары (орусча)" in page.text  # nlu/ru.yml, named by its language


async def test_russian_is_the_default_and_says_ru(login: Login) -> None:
    page = await (await login("editor")).get("/admin")
    assert '<html lang="ru">' in page.text and "Содержание бота" in page.text
    assert "Примеры фраз (по-кыргызски)" in page.text and "Боттун мазмуну" not in page.text


async def test_a_form_page_and_its_notice_in_kyrgyz(login: Login) -> None:
    editor = await kyrgyz_editor(login)
    form = await editor.get("/admin/answers/documents")
    assert form.status_code == 200
    assert_kyrgyz(form, "Долбоорду сактоо", "Текшерилген күнү", "Кыска жооп", "Булактар")
    assert "жарыяланды" in form.text  # the revision's state
    saved = await editor.post(
        "/admin/answers/documents", data=fields(form.text) | {"csrf_token": await csrf(editor)}
    )
    assert saved.status_code == 303
    notice = await editor.get(saved.headers["location"])
    assert "#2 долбоор болуп сакталды" in notice.text
    history = await editor.get("/admin/doc/knowledge/answers.yml")
    assert_kyrgyz(history, "Тарых", "долбоор", "жарыяланды")


async def test_a_refusal_in_kyrgyz(login: Login) -> None:
    editor = await kyrgyz_editor(login)
    wages = fields((await editor.get("/admin/wages")).text) | {"0-high": "көп"}
    refused = await editor.post("/admin/wages", data=wages | {"csrf_token": await csrf(editor)})
    assert refused.status_code == 422
    assert_kyrgyz(refused, "Долбоор сакталган жок", "Суммалар жана көбөйткүч сан менен гана")


async def test_the_try_page_in_kyrgyz(login: Login) -> None:
    editor = await kyrgyz_editor(login)
    assert_kyrgyz(await editor.get("/admin/try"), "Жумуш сунушунун тексти", "Текшерүү")
    offer = "Работа в Москве, паспорт заберем на хранение, зарплата 3000$. Пишите в WhatsApp."
    data = {"csrf_token": await csrf(editor), "text": offer}
    checked = await editor.post("/admin/try", data=data)
    assert checked.status_code == 200
    assert '<html lang="ky">' in checked.text and "Бот эмне деп жооп берет" in checked.text
    assert "Паспорт заберут" in checked.text  # the bot's reply is in the offer's language


async def test_the_work_lists_in_kyrgyz(login: Login) -> None:
    page = await (await kyrgyz_editor(login)).get("/admin/work")
    assert_kyrgyz(page, "Жообу жок суроолор (0)", "Котормосу жок (0)", "айдан ашык")


@pytest.mark.parametrize(
    ("language", "heading", "refusal"),
    [
        ("ky", "Редакторлор үчүн кирүү", "Аты же сырсөзү туура эмес."),
        ("ru", "Вход для редакторов", "Неверное имя или пароль."),
    ],
)
async def test_the_login_page_in_the_browsers_language(
    app: FastAPI, language: str, heading: str, refusal: str
) -> None:
    await app.state.console.staff.add("ed", PASSWORD, "editor")
    async with client_for(app) as anonymous:
        anonymous.headers["accept-language"] = f"{language},en;q=0.5"
        page = await anonymous.get("/admin/login")
        assert f'<html lang="{language}">' in page.text and heading in page.text
        token = await csrf_of(anonymous, "/admin/login")
        form = {"username": "ed", "password": "wrong-password-1", "csrf_token": token}
        refused = await anonymous.post("/admin/login", data=form)
        assert refused.status_code == 401 and refusal in refused.text
        assert f'<html lang="{language}">' in refused.text


async def test_the_console_login_speaks_its_own_words(app: FastAPI) -> None:
    """The console's login says a failure in its own words (console_login_*), in Kyrgyz too."""
    await app.state.console.staff.add("op", PASSWORD, "operator")
    async with client_for(app) as anonymous:
        anonymous.headers["accept-language"] = KYRGYZ
        token = await csrf_of(anonymous, "/console/login")
        form = {"username": "op", "password": "wrong-password-1", "csrf_token": token}
        refused = await anonymous.post("/console/login", data=form)
        assert refused.status_code == 401 and "Аты же сырсөзү туура эмес." in refused.text
