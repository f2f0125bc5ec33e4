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


# Where most Kyrgyz migrants are (and home), for when the user has not said where they are.
LIKELY_COUNTRIES = ("KG", "RU", "KZ")


def country_buttons(content: Content, lang: str) -> tuple[Button, ...]:
    """One button per country with numbers in knowledge/hotlines.yml."""
    return tuple(
        Button(str(entry["name"][lang]), f"country:{code}")
        for code, entry in content.hotlines.items()
    )


def emergency_numbers(content: Content, country: str | None, lang: str) -> str:
    """The user's country's numbers and Kyrgyzstan's 189 line; if unknown, where most go."""
    if country and country in content.hotlines:
        codes = list(dict.fromkeys([country, "KG"]))
    else:
        codes = list(LIKELY_COUNTRIES)
    lines = []
    for code in codes:
        entry = content.hotlines.get(code)
        if not entry:
            continue
        numbers = [*entry.get("emergency", ()), *entry.get("hotlines", ())]
        listed = ", ".join(f"{n['number']} ({n['label'][lang]})" for n in numbers)
        lines.append(f"{entry['name'][lang]}: {listed}")
    return "\n".join(lines)
