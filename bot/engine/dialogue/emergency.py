"""Emergency numbers: for the country the user is in; where unknown, ask and give the likely.

A country named in a question («Түркияда иштесе болобу») is what the question is about, not
where the user is: only a country button, a place named in a cry for help or a sentence such
as «я в Москве» sets `state.location`. Short numbers that work only inside their country
(Kyrgyzstan's 189) are not offered to someone abroad; they are told so, with a number that
does work from there (knowledge/hotlines.yml, `reach: in_country`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.engine.content.model import Content
from bot.engine.dialogue.turn import Turn
from bot.types import Button, Reply

HOME = "KG"
# Where most Kyrgyz migrants are (and home), for when the user has not said where they are.
LIKELY_COUNTRIES = ("KG", "RU", "KZ")


def country_buttons(content: Content, lang: str) -> tuple[Button, ...]:
    """One button per country with numbers in knowledge/hotlines.yml."""
    return tuple(
        Button(str(entry["name"][lang]), f"country:{code}")
        for code, entry in content.hotlines.items()
    )


def _numbers(content: Content, code: str, location: str | None) -> list[Mapping[str, Any]]:
    """All of a country's numbers for someone there (or anywhere, when unknown); else only
    its lines that answer calls from abroad."""
    entry = content.hotlines.get(code) or {}
    if location is None or code == location:
        return [*entry.get("emergency", ()), *entry.get("hotlines", ())]
    return [n for n in entry.get("hotlines", ()) if n.get("reach") != "in_country"]


def numbers_reply(content: Content, location: str | None, lang: str) -> Reply:
    """The numbers to call, one per line under each country, each one tappable."""
    if location and location in content.hotlines:
        codes = list(dict.fromkeys([location, HOME]))
    else:
        codes = list(LIKELY_COUNTRIES)
    blocks, calls = [], []
    for code in codes:
        entry = content.hotlines.get(code)
        numbers = _numbers(content, code, location)
        if not entry or not numbers:
            continue
        lines = [
            content.text("call_line", lang, number=n["number"], label=n["label"][lang])
            for n in numbers
        ]
        calls += [str(n["number"]) for n in numbers]
        blocks.append(f"{entry['name'][lang]}:\n" + "\n".join(lines))
    text = content.text("danger_numbers", lang, numbers="\n\n".join(blocks))
    if location and location != HOME and _home_only(content):
        # The home-only lines were left out above: say so, and what works instead.
        note = _home_only_note(content, location, _home_only(content)[0], lang)
        text += f"\n\n{note}" if note else ""
    buttons: tuple[Button, ...] = ()
    if not location:
        text += "\n\n" + content.text("ask_country", lang)
        buttons = country_buttons(content, lang)
    return Reply(text, buttons, calls=tuple(dict.fromkeys(calls)))


def _home_only(content: Content) -> list[str]:
    """Home's lines that cannot be called from abroad (`reach: in_country`)."""
    home = (content.hotlines.get(HOME) or {}).get("hotlines") or ()
    return [str(n["number"]) for n in home if n.get("reach") == "in_country"]


def hotline_for(content: Content, location: str | None, lang: str) -> str:
    """How to reach the hotline from where the user is, for «…call {hotline}» texts."""
    home = content.hotlines.get(HOME) or {}
    lines = list(home.get("hotlines") or [])
    local = next((str(n["number"]) for n in lines), "")
    abroad = _abroad_number(content, location)
    if location == HOME or not abroad:
        return local
    if location is None:
        return content.text("hotline_home_or_abroad", lang, local=local, abroad=abroad)
    return abroad


def _abroad_number(content: Content, location: str | None) -> str:
    """The first line that works from `location` (its own country's, else home's from abroad)."""
    for code in ([location] if location and location != HOME else []) + [HOME]:
        for number in (content.hotlines.get(code) or {}).get("hotlines") or ():
            if number.get("reach") != "in_country":
                return str(number["number"])
    return ""


def abroad_note(content: Content, location: str | None, text: str, lang: str) -> str | None:
    """A note under a text that tells someone abroad to call a number working only at home."""
    if location == HOME:
        return None
    named = next((n for n in _home_only(content) if _mentions(text, n)), None)
    return _home_only_note(content, location, named, lang) if named else None


def _home_only_note(content: Content, location: str | None, number: str, lang: str) -> str | None:
    """«189 works only inside Kyrgyzstan; from abroad call …», if anything works from there."""
    abroad = _abroad_number(content, location)
    if not abroad:
        return None
    return content.text("hotline_in_country_only", lang, number=number, abroad=abroad)


def _mentions(text: str, number: str) -> bool:
    """`number` appears in `text` as a whole number (189, not 1890 or +996189…)."""
    start = text.find(number)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(number)
        after = text[end] if end < len(text) else " "
        if not (before.isdigit() or before == "+" or after.isdigit()):
            return True
        start = text.find(number, start + 1)
    return False


def emergency(turn: Turn) -> None:
    """Someone may be in danger: say a person is coming; the numbers are the last bubble."""
    turn.say("danger")
    turn.replies.append(numbers_reply(turn.content, turn.state.location, turn.lang))
    if not turn.state.handoff:
        turn.escalate("emergency")


def localise(turn: Turn) -> None:
    """Under each reply telling someone abroad to call a home-only number, say what works."""
    location = turn.state.location
    if location is None or location == HOME:
        return
    for i, reply in enumerate(turn.replies):
        note = abroad_note(turn.content, location, reply.text, turn.lang)
        if note and note not in reply.text:
            turn.replies[i] = replace(reply, text=f"{reply.text}\n\n{note}")
