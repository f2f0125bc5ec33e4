"""Issue 18: a body nested ~1,000 deep raised RecursionError in the webhooks (a 500, re-sent).

Handlers caught only ValueError and ValidationError. No platform nests that deep: the body
is refused with a 400 like any other unreadable one, and the next update is served.
"""

from __future__ import annotations

from tests.channels.conftest import TG_SECRET, Running, tg_text, wa_text
from tests.regressions.issue18 import inbound_texts

DEEP = b"[" * 1000 + b"]" * 1000


async def test_issue_18_deep_nesting_telegram_is_refused_with_400(inbound: Running) -> None:
    headers = {"x-telegram-bot-api-secret-token": TG_SECRET}
    body = b'{"update_id": 1, "message": ' + DEEP + b"}"
    nested_object = b'{"update_id": 2, "x": ' + b'{"a":' * 1000 + b"1" + b"}" * 1001

    refused = await inbound.http.post("/telegram/webhook", content=body, headers=headers)
    objects = await inbound.http.post("/telegram/webhook", content=nested_object, headers=headers)
    served = await inbound.telegram(tg_text(3, 1801, 1, "Салам"))

    assert (refused.status_code, objects.status_code, served.status_code) == (400, 400, 200)
    assert await inbound_texts(inbound) == ["Салам"]


async def test_issue_18_deep_nesting_whatsapp_is_refused_with_400(inbound: Running) -> None:
    refused = await inbound.whatsapp(None, body=b'{"entry": ' + DEEP + b"}")
    served = await inbound.whatsapp(wa_text("996700001801", "wamid.deep1", "Салам"))

    assert (refused.status_code, served.status_code) == (400, 200)
    assert await inbound_texts(inbound) == ["Салам"]


async def test_issue_18_deep_nesting_webchat_is_a_client_error(inbound: Running) -> None:
    # FastAPI already refused this one; kept so the three ways in stay alike.
    body = b'{"client_id": "deep-0001", "text": ' + DEEP + b"}"
    headers = {"content-type": "application/json"}

    refused = await inbound.http.post("/webchat/api/messages", content=body, headers=headers)

    assert 400 <= refused.status_code < 500
