"""Issue 18: NUL or a lone surrogate in a text failed in the database (a 500, re-sent).

PostgreSQL refuses NUL in text and neither backend can encode a lone surrogate (valid JSON:
"\\ud800"); the web chat failed anonymously the same way. Text is cleaned once, where it
enters: NUL and other controls go, a lone surrogate becomes U+FFFD, bidi text stays.
"""

from __future__ import annotations

import json

from tests.channels.conftest import TG_SECRET, Running, tg_text, wa_text
from tests.regressions.issue18 import inbound_texts

# JSON escapes written by hand: httpx's json= cannot encode a lone surrogate to send it.
RAW = "a\\u0000b\\ud800c\\u0007d\\u202eе"  # NUL, lone surrogate, BEL, RIGHT-TO-LEFT OVERRIDE
CLEAN = "ab\ufffdcd\u202eе"  # the bidi control is kept: pages show it safely


def _body(payload: object) -> bytes:
    return json.dumps(payload).replace("@TEXT@", RAW).encode()


async def test_issue_18_nul_and_surrogates_telegram_text_is_stored_clean(inbound: Running) -> None:
    headers = {"x-telegram-bot-api-secret-token": TG_SECRET}
    body = _body(tg_text(1, 1802, 1, "@TEXT@"))

    response = await inbound.http.post("/telegram/webhook", content=body, headers=headers)

    assert response.status_code == 200
    assert await inbound_texts(inbound) == [CLEAN]


async def test_issue_18_nul_and_surrogates_whatsapp_text_is_stored_clean(inbound: Running) -> None:
    response = await inbound.whatsapp(None, body=_body(wa_text("996700001802", "w.n1", "@TEXT@")))

    assert response.status_code == 200
    assert await inbound_texts(inbound) == [CLEAN]


async def test_issue_18_nul_and_surrogates_webchat_text_is_stored_clean(inbound: Running) -> None:
    body = _body({"client_id": "nul-00001", "text": "@TEXT@"})
    headers = {"content-type": "application/json"}

    response = await inbound.http.post("/webchat/api/messages", content=body, headers=headers)

    assert response.status_code == 202
    assert await inbound_texts(inbound) == [CLEAN]


async def test_issue_18_nul_and_surrogates_in_a_refused_body_still_get_a_422(
    inbound: Running,
) -> None:
    # FastAPI's 422 echoes the input; with a surrogate in it the refusal itself crashed.
    body = b'{"client_id": "\\ud800-bad-id", "text": "x"}'
    headers = {"content-type": "application/json"}

    response = await inbound.http.post("/webchat/api/messages", content=body, headers=headers)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "client_id"]
