"""Concepts and combinations edited in forms; "try it" reads them from the unpublished draft."""

from __future__ import annotations

from bot.app import Sapar
from bot.engine.offer.risk import check_text
from tests.admin.conftest import csrf, live
from tests.admin.test_lists import fields
from tests.console.conftest import Login

NEUTRAL = "паспорт покажете Зюзе на входе"  # «show the passport to Zyuzya»: no sign as written


async def test_the_page_lists_each_concept_its_terms_and_who_uses_it(login: Login) -> None:
    editor = await login("editor")
    page = await editor.get("/admin/concepts")
    form = fields(page.text)
    assert "паспорт" in form["concept-document"].split(", ")
    assert 'href="/admin/indicators/document_retention"' in page.text
    indicator = fields((await editor.get("/admin/indicators/document_retention")).text)
    assert "document + hand_over + holder" in indicator["combinations"].splitlines()


async def test_a_new_concept_and_combination_work_in_try_it_before_publishing(
    login: Login, sapar: Sapar
) -> None:
    editor = await login("editor")
    token = await csrf(editor)
    before = await editor.post("/admin/try", data={"csrf_token": token, "text": NEUTRAL})
    assert before.status_code == 200 and "Паспорт заберут" not in before.text

    form = fields((await editor.get("/admin/concepts")).text)
    form |= {"new-name": "zyuzya", "new-terms": "зюз, zyuz"}
    assert (await editor.post("/admin/concepts", data=form)).status_code == 303
    indicator = fields((await editor.get("/admin/indicators/document_retention")).text)
    indicator["combinations"] += "\ndocument + zyuzya"
    indicator["severity"] = "critical"
    saved = await editor.post("/admin/indicators/document_retention", data=indicator)
    assert saved.status_code == 303

    after = await editor.post("/admin/try", data={"csrf_token": token, "text": NEUTRAL})
    assert "Паспорт заберут" in after.text  # the draft's concept and combination
    published = live(sapar).store.current.offers
    assert published is not None
    assert "document_retention" not in check_text(NEUTRAL, published).indicator_ids


async def test_removing_a_concept_a_sign_combines_is_refused(login: Login, sapar: Sapar) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/concepts")).text) | {"concept-holder": ""}
    refused = await editor.post("/admin/concepts", data=form)
    assert refused.status_code == 422 and "holder" in refused.text
    assert "concept-document" in refused.text  # the form comes back with the edits
    history = await live(sapar).revisions.history("knowledge/indicators.yml")
    assert [r.number for r in history] == [1]


async def test_a_new_concept_needs_a_name_and_words(login: Login) -> None:
    editor = await login("editor")
    form = fields((await editor.get("/admin/concepts")).text)
    for bad in ({"new-name": "Паспорт!", "new-terms": "x"}, {"new-name": "ok", "new-terms": " "}):
        refused = await editor.post("/admin/concepts", data=form | bad)
        assert refused.status_code == 422 and "латиницей" in refused.text
