"""A voice note in a hand-off: the reply says what became of its audio, in both languages."""

from __future__ import annotations

import pytest

from bot.engine.content.model import Content
from bot.types import Media, Voice, VoiceOutcome
from tests.engine.test_media import LANGS, chatting, payloads, send


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("outcome", list(VoiceOutcome))
def test_a_held_chats_voice_note_is_answered_by_what_became_of_it(
    content: Content, lang: str, outcome: VoiceOutcome
) -> None:
    voice = Voice(outcome, "ref" if outcome is VoiceOutcome.KEPT else "")
    result = send(content, chatting(lang, handoff=True), Media.VOICE, voice=voice)
    assert [r.text for r in result.replies] == [content.text(f"media_voice_{outcome}", lang)]
    assert payloads(result) == [] and result.state.handoff and not result.events


def test_the_voice_texts_are_kyrgyz_and_russian(content: Content) -> None:
    for outcome in VoiceOutcome:
        ky = content.text(f"media_voice_{outcome}", "ky")
        ru = content.text(f"media_voice_{outcome}", "ru")
        assert any(letter in ky for letter in "өүң") and ky != ru
        assert ru and not any(letter in ru for letter in "өүң")
    for key in ("console_voice_kept", "console_voice_too_large", "console_voice_failed"):
        assert any(letter in content.text(key, "ky") for letter in "өүң")
