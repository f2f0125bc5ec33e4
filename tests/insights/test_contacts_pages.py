"""/insights/contacts: managers and admins only; the list shows digests; a check is audited."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from bot.app import Sapar
from bot.engine.extract.contact_keys import contact_keys
from bot.storage import audit
from bot.storage.audit import AuditEntry
from bot.types import ConversationKey
from tests.console.conftest import Login, csrf_of

PAGE = "/insights/contacts"
NUMBER = "+7 900 000-11-22"
HTML = {"accept": "text/html"}


async def seen_in_risky_chats(sapar: Sapar, chats: int) -> str:
    """The number seen in `chats` critical offers; its digest."""
    contacts = sapar.contacts
    assert contacts is not None  # development: the fixed development key
    found = contact_keys(f"Звоните {NUMBER}")
    async with sapar.db.transaction() as s:
        for n in range(chats):
            await contacts.see(
                s, found, chat=ConversationKey("telegram", str(n)), level="critical",
                indicators=("document_retention",),
            )  # fmt: skip
    return contacts.digest(found[0])


async def test_a_stranger_logs_in_and_operators_and_editors_are_refused(
    anonymous: httpx.AsyncClient, login: Login
) -> None:
    stranger = await anonymous.get(PAGE, headers=HTML)
    assert stranger.status_code == 303 and stranger.headers["location"] == "/console/login"
    assert (await anonymous.post(f"{PAGE}/check", data={"pasted": NUMBER})).status_code == 401
    for role in ("operator", "editor"):
        http = await login(role)
        assert (await http.get(PAGE, headers=HTML)).status_code == 403
        assert (await http.post(f"{PAGE}/check", data={"pasted": NUMBER})).status_code == 403


async def test_the_list_shows_digests_and_indicators_never_the_number(
    sapar: Sapar, login: Login
) -> None:
    digest = await seen_in_risky_chats(sapar, 3)
    for role in ("manager", "admin"):
        page = await (await login(role)).get(PAGE, headers={**HTML, "accept-language": "ru"})
        assert page.status_code == 200
        assert digest[:12] in page.text and digest not in page.text
        assert "9000001122" not in page.text and "900 000" not in page.text
        assert "Контакты, о которых уже сообщали" in page.text
        assert "Очень опасно: 3" in page.text and "Паспорт заберут: 3" in page.text


async def test_a_pasted_check_says_how_often_and_is_audited(sapar: Sapar, login: Login) -> None:
    digest = await seen_in_risky_chats(sapar, 4)
    http = await login("manager", "mira")
    token = await csrf_of(http, PAGE)
    checked = await http.post(
        f"{PAGE}/check", data={"pasted": "8 900 000 11 22", "csrf_token": token},
        headers={"accept-language": "ky"},
    )  # fmt: skip
    assert checked.status_code == 200
    assert "4 чатта кездешкен" in checked.text and "+79000001122" in checked.text
    nothing = await http.post(f"{PAGE}/check", data={"pasted": "салам", "csrf_token": token})
    assert "табылган жок" in nothing.text or "не нашлось" in nothing.text
    async with sapar.db.transaction() as s:
        entries = (await s.scalars(select(AuditEntry).where(AuditEntry.username == "mira"))).all()
        logged = await audit.recent(s)
    checks = [e for e in entries if e.action == "contact_check"]
    assert [e.detail for e in checks] == [f"phone:{digest[:12]}:4", "-"]
    assert not [e for e in logged if "9000001122" in e.detail]
