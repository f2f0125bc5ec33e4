"""/admin/contacts: an editor marks a pasted contact a legitimate employer; audited."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Sapar
from bot.engine.extract.contact_keys import contact_keys
from bot.storage import reported_contacts as rows
from bot.storage.audit import AuditEntry
from tests.admin.conftest import csrf
from tests.console.conftest import Login

PAGE = "/admin/contacts"


async def test_only_editors_and_admins_mark_contacts(login: Login) -> None:
    for role in ("operator", "manager"):
        http = await login(role)
        assert (await http.get(PAGE)).status_code == 403
        assert (await http.post(PAGE, data={"pasted": "+7 900 000-11-22"})).status_code == 403


async def test_an_editor_marks_and_unmarks_a_pasted_number(sapar: Sapar, login: Login) -> None:
    http = await login("editor", "dinara")
    token = await csrf(http, PAGE)
    done = await http.post(PAGE, data={"pasted": "8900 000 1122", "csrf_token": token})
    assert done.status_code == 200 and "+79000001122" in done.text
    contacts = sapar.contacts
    assert contacts is not None
    digest = contacts.digest(contact_keys("+79000001122")[0])
    async with sapar.db.transaction() as s:
        assert await rows.legitimate(s, digests=[digest]) == {digest}
    data = {"pasted": "wa.me/79000001122", "csrf_token": token, "legitimate": "no"}
    await http.post(PAGE, data=data)
    async with sapar.db.transaction() as s:
        assert await rows.legitimate(s, digests=[digest]) == set()
        entries = await s.scalars(select(AuditEntry).where(AuditEntry.username == "dinara"))
        logged = [(e.action, e.detail) for e in entries.all() if e.action.startswith("contact")]
    assert logged == [
        ("contact_mark", f"phone:{digest[:12]}:0"),
        ("contact_unmark", f"phone:{digest[:12]}:0"),
    ]
