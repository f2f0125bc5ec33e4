"""Issue 18: `"type": ["x"]` in a WhatsApp message raised TypeError (unhashable): a 500.

Any field of a notification may hold any JSON; only strings (and whole numbers, for ids)
are read, so such a message is left alone and its neighbours are still received.
"""

from __future__ import annotations

from typing import Any

from tests.channels.conftest import Running, wa_text
from tests.regressions.issue18 import inbound_texts


async def test_issue_18_whatsapp_odd_types_are_left_alone(inbound: Running) -> None:
    payload = wa_text("996700001805", "wamid.odd0", "Салам")
    good = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    odd: list[dict[str, Any]] = [
        {**good, "id": "wamid.odd1", "type": ["x"]},
        {**good, "id": "wamid.odd2", "type": {"text": 1}},
        {**good, "id": ["wamid.odd3"]},
        {**good, "id": "wamid.odd4", "from": {"wa_id": 1}},
        {**good, "id": "wamid.odd5", "text": {"body": ["not", "text"]}},
        {**good, "id": "wamid.odd6", "type": "interactive", "interactive": {"type": [1]}},
    ]
    payload["entry"][0]["changes"][0]["value"]["messages"] = [*odd, good]

    response = await inbound.whatsapp(payload)

    assert response.status_code == 200
    # The text that is not a string is read as a message Sapar cannot read (stored empty).
    assert await inbound_texts(inbound) == ["", "", "Салам"]
