"""One judgment: the bot's live content and `offer check` assess a text alike."""

from __future__ import annotations

import json
from pathlib import Path

from bot.engine.content.model import Content
from bot.engine.offer.risk import check_text
from bot.services.offer_knowledge import load_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_the_chat_and_the_command_line_agree(production_content: Content) -> None:
    live = production_content.offers
    assert live is not None and live.model is not None  # the learned model is in the chat too
    files = load_catalogue(ROOT)
    part = ROOT / "knowledge" / "offer_model" / "offers_dev.jsonl"
    lines = part.read_text("utf-8").splitlines()
    for line in lines[:60]:
        text = json.loads(line)["text"]
        a, b = check_text(text, live), check_text(text, files)
        assert (a.risk_level, a.indicator_ids) == (b.risk_level, b.indicator_ids), text[:80]
