"""The web chat API through the real pipeline and outbox sender."""

from __future__ import annotations

from typing import Any

import httpx

from bot.app import Sapar


async def post(client: httpx.AsyncClient, client_id: str, **body: object) -> httpx.Response:
    return await client.post("/webchat/api/messages", json={"client_id": client_id, **body})


async def wait_replies(client: httpx.AsyncClient, after: int = 0, want: int = 1) -> dict[str, Any]:
    """Long-poll until `want` replies arrived (the page does the same in a loop)."""
    lines: list[dict[str, Any]] = []
    for _ in range(10):
        response = await client.get("/webchat/api/updates", params={"after": after})
        assert response.status_code == 200
        data = response.json()
        lines += data["messages"]
        after = data["cursor"]
        if len(lines) >= want or not data["messages"]:
            break
    return {"messages": lines, "cursor": after}


async def test_a_message_gets_replies_through_the_outbox(client: httpx.AsyncClient) -> None:
    await client.get("/")
    response = await post(client, "client-0001", text="Здравствуйте")
    assert response.status_code == 202 and response.json()["duplicate"] is False
    data = await wait_replies(client, want=3)
    replies = data["messages"]
    assert isinstance(replies, list) and replies
    assert "Сапар" in replies[0]["text"]
    assert any(b["payload"] == "check_offer" for r in replies for b in r["buttons"])
    later = await wait_replies(client, after=data["cursor"])
    assert later["messages"] == []  # nothing new: the long poll times out empty


async def test_history_survives_a_reload(client: httpx.AsyncClient) -> None:
    await client.get("/")
    await post(client, "client-0002", text="Здравствуйте")
    await wait_replies(client)
    history = (await client.get("/webchat/api/history")).json()
    directions = [line["direction"] for line in history["messages"]]
    assert directions[0] == "in" and "out" in directions
    assert history["messages"][0]["text"] == "Здравствуйте"
    assert history["cursor"] > 0


async def test_a_retried_post_is_processed_once(client: httpx.AsyncClient, sapar: Sapar) -> None:
    await client.get("/")
    await post(client, "client-0003", text="Здравствуйте")
    again = await post(client, "client-0003", text="Здравствуйте")
    assert again.json()["duplicate"] is True


async def test_buttons_are_pressed_by_payload(client: httpx.AsyncClient) -> None:
    await client.get("/")
    await post(client, "client-0004", text="Саламатсызбы")
    first = await wait_replies(client, want=3)
    await post(client, "client-0005", text="Русский", button="lang_ru")
    data = await wait_replies(client, after=first["cursor"])
    assert data["messages"][0]["text"].startswith("Хорошо")


async def test_two_browsers_are_two_conversations(sapar: Sapar, client: httpx.AsyncClient) -> None:
    await client.get("/")
    await post(client, "client-0006", text="Здравствуйте")
    other = httpx.AsyncClient(transport=client._transport, base_url="http://testserver")
    async with other:
        await other.get("/")
        history = (await other.get("/webchat/api/history")).json()
    assert history["messages"] == []


async def test_bad_requests_get_clear_errors_and_change_nothing(client: httpx.AsyncClient) -> None:
    await client.get("/")
    form = await client.post("/webchat/api/messages", data={"client_id": "abcdefgh", "text": "x"})
    assert form.status_code == 415
    broken = await client.post(
        "/webchat/api/messages", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    bad_id = await post(client, "../../etc/passwd", text="x")
    assert bad_id.status_code == 422
    extra = await post(client, "client-0007", text="x", admin=True)
    assert extra.status_code == 422
    assert (await client.get("/webchat/api/history")).json()["messages"] == []


async def test_updates_without_a_cookie_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/webchat/api/updates", params={"after": 0})
    assert response.status_code == 401


async def test_markup_in_messages_comes_back_as_plain_text(client: httpx.AsyncClient) -> None:
    await client.get("/")
    payload = "<img src=x onerror=alert(1)>"
    await post(client, "client-0008", text=payload)
    history = (await client.get("/webchat/api/history")).json()
    assert history["messages"][0]["text"] == payload  # JSON text; the page sets textContent
