"""Normalisation every reader of user text shares: NFC, lower case, no invisible noise."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffd"
    "\ue000-\uf8ff\ud800-\udfff\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize(text: str) -> str:
    """Lower-case NFC text with 3+ repeated letters cut to two and invisible noise removed."""
    text = unicodedata.normalize("NFC", text).lower()
    # Control and format characters (zero-width joiners, BOMs, bidi marks) are never content.
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    # Two, not one: Kyrgyz long vowels are double (ооба, жумуштуу) and must survive.
    text = _REPEATS.sub(r"\1\1", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()
