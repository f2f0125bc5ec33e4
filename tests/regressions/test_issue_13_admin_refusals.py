"""Issue 13, item 15: every refusal in /admin is shown in the form, in the editor's language,
with the edits kept (an empty Kyrgyz text gave a raw JSON page; blanks an English message)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from fastapi import FastAPI

from tests.admin.test_lists import fields
from tests.console.conftest import PASSWORD, client_for, csrf_of

Editor = Callable[[str], Awaitable[httpx.AsyncClient]]
ANSWER = "/admin/answers/documents"
EDITED_TITLE = "Документтер: жаңы аталыш"
ENGLISH = ("missing", "empty text", "lacks", "field required", '"detail"')


@pytest.fixture
async def editor(app: FastAPI) -> AsyncIterator[Editor]:
    """`await editor("ky")`: an editor logged in to /admin whose browser prefers a language."""
    clients: list[httpx.AsyncClient] = []

    async def make(language: str) -> httpx.AsyncClient:
        name = f"editor-{len(clients)}"
        await app.state.console.staff.add(name, PASSWORD, "editor")
        http = client_for(app)
        http.headers["accept-language"] = f"{language},en;q=0.5"
        clients.append(http)
        token = await csrf_of(http, "/admin/login")
        login = {"username": name, "password": PASSWORD, "csrf_token": token}
        assert (await http.post("/admin/login", data=login)).status_code == 303
        return http

    yield make
    for http in clients:
        await http.aclose()


def refusal_in_form(page: str, action: str) -> str:
    """The refusal shown inside the form posting to `action` (fails when it is elsewhere)."""
    form = page.split(f'action="{action}"')[1].split("</form>")[0]
    assert 'id="refusal"' in form, "the refusal is not in the form"
    return form.split('id="refusal"')[1].split("</pre>")[0]


@pytest.mark.parametrize("blank", ["", "   "], ids=["empty", "whitespace"])
@pytest.mark.parametrize(
    ("language", "says"),
    [("ru", "«Короткий ответ» (по-кыргызски) пусто"), ("ky", "«Кыска жооп» (кыргызча) бош")],
    ids=["ru", "ky"],
)
async def test_issue_13_admin_empty_kyrgyz_text_is_refused_in_the_form_with_edits_kept(
    editor: Editor, blank: str, language: str, says: str
) -> None:
    http = await editor(language)
    data = fields((await http.get(ANSWER)).text) | {"short_ky": blank, "title_ky": EDITED_TITLE}
    refused = await http.post(ANSWER, data=data)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    said = refusal_in_form(refused.text, ANSWER)
    assert says in said and not any(word in said for word in ENGLISH), said
    kept = fields(refused.text)
    assert kept["title_ky"] == EDITED_TITLE and kept["short_ky"] == blank.strip()
    assert kept["more_ru"] == data["more_ru"]


async def test_issue_13_admin_refusals_keep_the_edits_in_every_form(editor: Editor) -> None:
    http = await editor("ru")
    page = (await http.get("/admin/hotlines")).text
    hotline = fields(page, "country-KG") | {"emergency-0-label-ky": " ", "checked": "2026-12-01"}
    refused = await http.post("/admin/hotlines/KG", data=hotline)
    assert refused.status_code == 422
    said = refusal_in_form(refused.text, "/admin/hotlines/KG")
    assert "(по-кыргызски) пусто" in said and not any(word in said for word in ENGLISH)
    assert fields(refused.text, "country-KG")["checked"] == "2026-12-01"

    canned = fields((await http.get("/admin/canned")).text)
    canned |= {"0-title": "Салам (правка)", "1-ru": ""}
    refused = await http.post("/admin/canned", data=canned)
    assert refused.status_code == 422
    said = refusal_in_form(refused.text, "/admin/canned")
    assert "(по-русски) пусто" in said and not any(word in said for word in ENGLISH)
    assert fields(refused.text)["0-title"] == "Салам (правка)"

    wages = fields((await http.get("/admin/wages")).text) | {"0-high": "много", "0-low": "1600"}
    refused = await http.post("/admin/wages", data=wages)
    assert refused.status_code == 422
    assert "Суммы и множитель — числа." in refusal_in_form(refused.text, "/admin/wages")
    kept = fields(refused.text)
    assert (kept["0-low"], kept["0-high"]) == ("1600", "много")


async def test_issue_13_admin_bad_date_and_long_note_are_refused_in_the_form(
    editor: Editor,
) -> None:
    http = await editor("ky")
    note = "өзгөртүү " * 80  # over 500 characters
    data = fields((await http.get(ANSWER)).text) | {"checked": "1-декабрь-2026", "note": note}
    refused = await http.post(ANSWER, data=data)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    said = refusal_in_form(refused.text, ANSWER)
    assert "ЖЖЖЖ-АА-КК" in said and "«Эмне өзгөрдү» өтө узун" in said, said
    kept = fields(refused.text)
    assert kept["checked"] == "1-декабрь-2026" and kept["note"] == note


async def test_issue_13_admin_over_long_texts_are_refused_not_cut(editor: Editor) -> None:
    http = await editor("ru")
    long_text = "Саламатсызбы! " * 400  # over the 5000 characters a field holds
    canned = fields((await http.get("/admin/canned")).text) | {"0-ky": long_text}
    refused = await http.post("/admin/canned", data=canned)
    assert refused.status_code == 422
    said = refusal_in_form(refused.text, "/admin/canned")
    assert "replies.0.ky: текст слишком длинный, не больше 5000 знаков" in said, said
    assert fields(refused.text)["0-ky"] == long_text.strip()
