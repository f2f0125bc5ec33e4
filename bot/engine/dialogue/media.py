"""What arrived besides text: a kind reply per kind, and a shared location's numbers.

A voice note or a picture is usually someone who finds typing hard: the reply says what
Sapar cannot do yet and offers a person first. While an operator has the chat there is no
menu: the user learns that the operator sees something arrived but cannot open it — except a
voice note the services kept (`message.voice`), which the operator can play. A shared
location answers "where am I" for the emergency numbers, whoever has the chat; only the
country code is kept (`state.location`), never the coordinates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from bot.engine.content.boxes import country_at
from bot.engine.dialogue import emergency
from bot.engine.dialogue.state import Mode
from bot.engine.dialogue.turn import Turn
from bot.types import Media, Point, UserMessage

# Kinds answered with the media menu (a person first) rather than the main menu.
HARD_TO_TYPE = frozenset({Media.VOICE, Media.PHOTO})
# What may stand beside emoji in an emoji-only text: skin tones, variation selectors, the
# zero-width joiner, spaces.
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Cf", "Zs"})


def emoji_only(text: str) -> bool:
    """👍, 😂😂, 🙏🏻: a text of nothing but emoji, which a sticker's reply answers."""
    categories = [unicodedata.category(char) for char in text]
    return "So" in categories and all(c in _EMOJI_PARTS for c in categories)


def on_emoji(turn: Turn, text: str) -> bool:
    """A nudge for an emoji-only text, unless a person or a waiting question reads it.

    Read as words it would be "not understood", and two of them would call an operator. A
    chat waiting for an offer's text keeps waiting for it.
    """
    mode = turn.state.mode
    if not emoji_only(text) or turn.state.handoff or not turn.state.greeted:
        return False
    if mode in (Mode.OFFER_QUESTION, Mode.CONFIRM_FORGET):
        return False
    turn.say("media_sticker", turn.menu())
    return True


def on_media(turn: Turn, message: UserMessage) -> None:
    """Answer a message that carries no text we can read."""
    media = message.media
    if media is Media.LOCATION:
        on_location(turn, message.point)
    elif media is None:
        turn.say("unsupported", () if turn.state.handoff else turn.menu())
    elif turn.state.handoff:
        voice = message.voice if media is Media.VOICE else None
        turn.say(f"media_voice_{voice.outcome.value}" if voice else "media_handoff")
    else:
        menu = turn.menu("media") if media in HARD_TO_TYPE else turn.menu()
        turn.say(f"media_{media.value}", menu)


def on_location(turn: Turn, point: Point | None) -> None:
    """The emergency numbers of the country the point is in; outside them all, ask."""
    content, lang = turn.content, turn.lang
    code = country_at(content.boxes, point) if point is not None else None
    if code is None or code not in content.hotlines:
        turn.say("location_unknown")
        turn.replies.append(emergency.numbers_reply(content, None, lang))
        return
    turn.state = turn.state.but(country=code, location=code)
    where = content.hotlines[code].get("in_country", {}).get(lang, code)
    turn.say("location_found", where=where)
    numbers = emergency.numbers_reply(content, code, lang)
    # Boxes are coarse near borders: the country buttons let the user correct it.
    turn.replies.append(replace(numbers, buttons=emergency.country_buttons(content, lang)))
