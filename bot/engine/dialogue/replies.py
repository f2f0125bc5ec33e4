"""Building the replies that draw on knowledge: answers with "more", emergency numbers."""

from __future__ import annotations

from bot.engine.content.answers import Answer, shown_sources
from bot.engine.content.model import Content
from bot.types import Button, Reply


def answer_short(content: Content, answer: Answer, country: str | None, lang: str) -> Reply:
    """The short answer, a "more" button, and country buttons where the answer has variants."""
    code = country if country in answer.by_country else None
    more_payload = f"more:{answer.id}" + (f":{code}" if code else "")
    buttons = [Button(content.buttons["more"][lang], more_payload)]
    if code is None:
        for other in answer.by_country:
            name = content.hotlines.get(other, {}).get("name", {}).get(lang, other)
            buttons.append(Button(str(name), f"answer:{answer.id}:{other}"))
    return Reply(answer.variant(code).short[lang], tuple(buttons))


def answer_more(content: Content, answer: Answer, country: str | None, lang: str) -> Reply:
    """The detail of an answer followed by its sources and when they were checked."""
    variant = answer.variant(country)
    # Each link on a line of its own: Telegram, WhatsApp and the web chat make it clickable.
    items = "\n".join(
        content.text("source_item", lang, title=s.title[lang], url=s.url, checked=s.checked)
        for s in shown_sources(variant.sources)
    )
    if not items:
        return Reply(variant.more[lang])
    return Reply(variant.more[lang] + "\n\n" + content.text("sources", lang, sources=items))
