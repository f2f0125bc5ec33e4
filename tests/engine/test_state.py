"""Saved states from older versions and with unknown keys still load."""

from bot.engine.dialogue.state import STATE_VERSION, DialogueState


def test_empty_or_missing_state_is_a_new_conversation() -> None:
    assert DialogueState.from_dict(None) == DialogueState()
    assert DialogueState.from_dict({}) == DialogueState()


def test_unknown_keys_from_newer_or_removed_fields_are_dropped() -> None:
    state = DialogueState.from_dict({"version": 1, "language": "ru", "gone_field": 3})
    assert state.language == "ru"
    assert state.version == STATE_VERSION


def test_round_trip_keeps_every_field() -> None:
    state = DialogueState(language="ky", language_chosen=True, misses=1, country="RU")
    assert DialogueState.from_dict(state.to_dict()) == state
