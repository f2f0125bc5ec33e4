"""A picture whose text the channel read: the offer check on it, or why it was not read.

The reading itself happened before the engine (bot/services/pictures): the engine gets the
text in `message.text` (after any caption) and the outcome in `message.picture`. The reply
starts with what was read, so the user can see a misreading and send the text instead.
While an operator has the chat, the read text goes to them like any typed text.
"""

from __future__ import annotations

from bot.engine.dialogue import actions, offer_flow
from bot.engine.dialogue.state import Mode
from bot.engine.dialogue.turn import Turn
from bot.types import PictureOutcome, UserMessage

EXCERPT_CHARS = 300  # enough to recognise the ad, short enough to read on a phone


def on_picture(turn: Turn, message: UserMessage) -> bool:
    """Answer a picture the channel could not read; True when nothing else is to be said.

    A read picture gets the excerpt of what was read (after the welcome, on a first message)
    and leaves the rest to the router, which checks the text as an offer (`is_read`). A
    picture that was not read gets its reason and the media menu; its caption, if any, is
    then read as text by the router.
    """
    picture = message.picture
    if picture is None or turn.state.handoff:
        return False
    if picture.outcome is PictureOutcome.READ:
        if not turn.state.greeted:
            actions.welcome(turn, menu=False)
        # A new picture is a new offer, also in the middle of another one's questions.
        turn.state = turn.state.but(mode=Mode.IDLE, question=None, choosing=None)
        turn.say("picture_read", excerpt=offer_flow.clip(picture.text, EXCERPT_CHARS))
        return False
    caption = message.text.strip()
    turn.say(f"picture_{picture.outcome.value}", () if caption else turn.menu("media"))
    return not caption


def is_read(message: UserMessage) -> bool:
    """Does the message carry a picture's read text (checked as an offer, whatever it says)?"""
    return message.picture is not None and message.picture.outcome is PictureOutcome.READ
