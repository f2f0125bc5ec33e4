"""WhatsApp: the webhook through the real pipeline and outbox to a fake Graph API on 127.0.0.1."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.channels.delivery.base import DeliveryError
from bot.channels.whatsapp.outbound import WINDOW_CLOSED, WhatsAppDeliverer
from bot.storage import outbox
from bot.storage.models import Message
from bot.types import Button, Reply
from tests.channels.conftest import (
    FIXTURES,
    WA_PHONE_ID,
    WA_SECRET,
    WA_TOKEN,
    WA_VERIFY,
    Running,
    report,
    settings_for,
    sign,
    wa_text,
)
from tests.channels.fakes import FakeGraph

Start = Callable[[Any], Awaitable[Running]]
WA = FIXTURES / "whatsapp"


def payloads() -> list[tuple[str, Any]]:
    """Every named payload of every fixture file and pywa's signed body: 45 in all."""
    found = [
        ("pywa_signed_request_body", json.loads((WA / "pywa_signed_request_body.bin").read_bytes()))
    ]
    for path in sorted(WA.glob("*.json")):
        if path.name.startswith("pywa_signed"):
            continue
        for name, payload in json.loads(path.read_text()).items():
            found.append((f"{path.stem}.{name}", payload))
    return found


@pytest.fixture
async def wa(tmp_path: Path, fake_graph: FakeGraph, start: Start) -> Running:
    return await start(settings_for(tmp_path, graph=fake_graph))


async def test_verification_echoes_the_challenge_only_for_the_right_token(wa: Running) -> None:
    def query(mode: str, token: str) -> dict[str, str]:
        return {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444"}

    good = await wa.http.get("/whatsapp/webhook", params=query("subscribe", WA_VERIFY))
    wrong = await wa.http.get("/whatsapp/webhook", params=query("subscribe", "nope"))
    mode = await wa.http.get("/whatsapp/webhook", params=query("unsubscribe", WA_VERIFY))

    assert (good.status_code, good.text) == (200, "1158201444")
    assert (wrong.status_code, mode.status_code) == (403, 403)


async def test_a_russian_text_gets_a_reply_to_the_sender(
    wa: Running, fake_graph: FakeGraph
) -> None:
    response = await wa.whatsapp(wa_text("996700000001", "wamid.t1", "Здравствуйте"))

    assert response.status_code == 200
    counts = await wa.settled()
    assert counts == {"sent": len(fake_graph.calls)}
    assert {call.data["to"] for call in fake_graph.calls} == {"996700000001"}
    welcome = wa.sapar.content.current.text("welcome", "ru")
    assert fake_graph.delivered["996700000001"][0] == welcome
    kinds = {call.data["interactive"]["type"] for call in fake_graph.calls if call.method != "text"}
    assert kinds == {"button", "list"}  # two languages → buttons; five menu items → a list
    rows = await wa.rows("whatsapp")
    assert all(row.external_id and row.external_id.startswith("wamid.fake") for row in rows)


async def test_the_same_message_twice_gets_one_set_of_replies(
    wa: Running, fake_graph: FakeGraph
) -> None:
    payload = wa_text("996700000002", "wamid.t2", "Привет")
    first = await wa.whatsapp(payload)
    await wa.settled()
    once = list(fake_graph.delivered["996700000002"])
    second = await wa.whatsapp(payload)
    await wa.settled()

    assert (first.status_code, second.status_code) == (200, 200)
    assert once and fake_graph.delivered["996700000002"] == once


async def test_a_bad_signature_or_tampered_body_is_refused(
    wa: Running, fake_graph: FakeGraph
) -> None:
    body = json.dumps(wa_text("996700000003", "wamid.t3", "Привет")).encode()
    tampered = body.replace(b"996700000003", b"996700000004")
    headers = {"content-type": "application/json"}

    wrong_key = await wa.whatsapp(None, secret="not-the-secret", body=body)
    changed = await wa.http.post(
        "/whatsapp/webhook",
        content=tampered,
        headers={**headers, "x-hub-signature-256": sign(body, WA_SECRET)},
    )
    unsigned = await wa.http.post("/whatsapp/webhook", content=body, headers=headers)

    assert {wrong_key.status_code, changed.status_code, unsigned.status_code} == {401}
    assert await wa.inbound_count() == 0
    assert fake_graph.calls == []


async def test_malformed_and_oversized_bodies_are_refused(wa: Running) -> None:
    broken = await wa.whatsapp(None, body=b"{not json")
    huge = await wa.whatsapp(wa_text("996700000005", "wamid.t5", "я" * 600_000))

    assert (broken.status_code, huge.status_code) == (400, 413)


async def test_pywas_signed_request_is_accepted_with_its_secret(
    tmp_path: Path, fake_graph: FakeGraph, start: Start
) -> None:
    meta = json.loads((WA / "pywa_signed_webhook.json").read_text())
    body = (WA / meta["request_body_file"]).read_bytes()
    running = await start(settings_for(tmp_path, graph=fake_graph, app_secret=meta["app_secret"]))
    headers = {"x-hub-signature-256": meta["x_hub_signature_256"]}

    accepted = await running.http.post("/whatsapp/webhook", content=body, headers=headers)
    refused = await running.http.post(
        "/whatsapp/webhook", content=body.replace(b"PyWa", b"PyWA"), headers=headers
    )

    assert (accepted.status_code, refused.status_code) == (200, 401)
    assert await running.inbound_count() == 1


async def test_every_fixture_is_answered_without_a_server_error(
    wa: Running, fake_graph: FakeGraph
) -> None:
    statuses = {name: (await wa.whatsapp(p)).status_code for name, p in payloads()}
    await wa.settled()

    report(f"whatsapp fixture payloads processed: {len(statuses)}")
    assert len(statuses) == 45
    assert set(statuses.values()) == {200}, statuses
    # Their timestamps are years old: the 24-hour window is shut, so nothing may be sent.
    assert fake_graph.calls == []
    assert {row.last_error for row in await wa.rows("whatsapp")} == {WINDOW_CLOSED}
    assert (await wa.http.get("/healthz")).status_code == 200


async def test_statuses_are_recorded_against_the_reply(wa: Running, fake_graph: FakeGraph) -> None:
    await wa.whatsapp(wa_text("996700000006", "wamid.t6", "Привет"))
    await wa.settled()
    first, second, *_ = await wa.rows("whatsapp")
    assert first.external_id and second.external_id

    for status in ("delivered", "read", "delivered"):  # a late "delivered" changes nothing
        assert (await wa.whatsapp(_status(first.external_id, status))).status_code == 200
    await wa.whatsapp(_status(second.external_id, "failed"))

    first, second, *_ = await wa.rows("whatsapp")
    assert (first.receipt, first.status) == ("read", "sent")
    assert (second.receipt, second.status) == ("failed", "dead")
    dead = await wa.sapar.outbox.dead()
    assert [d.row_id for d in dead] == [second.id]
    assert dead[0].error == "131026 Message undeliverable"


async def test_outside_the_24_hour_window_nothing_is_sent(
    wa: Running, fake_graph: FakeGraph
) -> None:
    two_days_ago = int(time.time()) - 2 * 24 * 3600
    await wa.whatsapp(wa_text("996700000007", "wamid.t7", "Привет", timestamp=two_days_ago))
    counts = await wa.settled()

    assert fake_graph.calls == []
    assert "sent" not in counts and counts["dead"] >= 1
    dead = await wa.sapar.outbox.dead()
    assert dead and all(d.error == WINDOW_CLOSED for d in dead)


def _status(message_id: str, status: str) -> Any:
    entry: dict[str, Any] = {"id": message_id, "status": status, "timestamp": str(int(time.time()))}
    if status == "failed":
        entry["errors"] = [{"code": 131026, "title": "Message undeliverable"}]
    value = {"messaging_product": "whatsapp", "statuses": [entry]}
    return {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": value}]}]}


async def test_a_long_reply_is_sent_as_several_messages_and_errors_are_sorted(
    fake_graph: FakeGraph,
) -> None:
    async def recent(chat_id: str) -> bool:
        return True

    client = httpx.AsyncClient(
        base_url=fake_graph.url + "/",
        headers={"authorization": f"Bearer {WA_TOKEN}"},
        timeout=0.5,
    )
    deliverer = WhatsAppDeliverer(
        client, phone_number_id=WA_PHONE_ID, window_open=recent, list_label=lambda: "Тандоо"
    )
    text = "Абзац. " * 1500  # 10 500 characters
    fake_graph.retry_after = 3
    try:
        message_id = await deliverer.deliver("996700000009", Reply(text))
        fake_graph.fail_next("429", "500")
        with pytest.raises(DeliveryError) as limited:
            await deliverer.deliver("996700000009", Reply("бир"))
        with pytest.raises(DeliveryError) as down:
            await deliverer.deliver("996700000009", Reply("эки"))
    finally:
        await deliverer.close()

    sent = fake_graph.delivered["996700000009"]
    assert len(sent) == 3 and all(len(part) <= 4096 for part in sent)
    assert " ".join(" ".join(sent).split()) == " ".join(text.split())
    assert message_id == "wamid.fake3"
    assert (limited.value.retry_after, limited.value.permanent) == (3.0, False)
    assert (down.value.retry_after, down.value.permanent) == (None, False)


async def test_a_number_answers_choices_that_were_sent_as_numbered_text(
    wa: Running, fake_graph: FakeGraph
) -> None:
    chat = "996700000010"
    await wa.whatsapp(wa_text(chat, "wamid.n1", "Здравствуйте"))
    await wa.settled()
    many = tuple(Button(f"Тема {i}", f"topic_{i}") for i in range(12))
    async with wa.sapar.db.transaction() as session:
        conv = (await wa.rows("whatsapp"))[0].conversation_id
        await outbox.enqueue(
            session,
            conversation_id=conv,
            channel="whatsapp",
            chat_id=chat,
            payload=Reply("Темалар:", many).to_dict(),
        )
    wa.sapar.sender.wake()
    await wa.settled()
    assert fake_graph.delivered[chat][-1].endswith("12. Тема 11")

    await wa.whatsapp(wa_text(chat, "wamid.n2", "3"))
    await wa.whatsapp(wa_text(chat, "wamid.n3", "99"))

    async with wa.sapar.db.transaction() as session:
        inbound = (
            await session.scalars(
                select(Message).where(Message.direction == "in").order_by(Message.id)
            )
        ).all()
    assert [(m.text, m.payload) for m in inbound[1:]] == [
        ("", {"button": "topic_2"}),
        ("99", {}),  # not one of the choices: read as text
    ]


async def test_an_undeliverable_message_is_given_up_and_a_dated_retry_after_is_honoured(
    fake_graph: FakeGraph,
) -> None:
    async def recent(chat_id: str) -> bool:
        return True

    client = httpx.AsyncClient(
        base_url=fake_graph.url + "/", headers={"authorization": f"Bearer {WA_TOKEN}"}
    )
    deliverer = WhatsAppDeliverer(
        client, phone_number_id=WA_PHONE_ID, window_open=recent, list_label=lambda: "Тандоо"
    )
    fake_graph.fail_next("400", "429-date")
    try:
        with pytest.raises(DeliveryError) as undeliverable:
            await deliverer.deliver("996700000011", Reply("бир"))
        with pytest.raises(DeliveryError) as limited:
            await deliverer.deliver("996700000011", Reply("эки"))
    finally:
        await deliverer.close()
    assert undeliverable.value.permanent and "131026" in str(undeliverable.value)
    assert not limited.value.permanent
    assert limited.value.retry_after is not None and 0 < limited.value.retry_after <= 2
