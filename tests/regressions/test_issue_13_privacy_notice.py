"""Issue 13, item 13: the privacy notice said operators see chats only "when you ask for help".

Hand-off is also automatic (danger, a taken passport, a critical offer, two misses), editors
see anonymised questions, and on WhatsApp the chat id is the phone number: say all of it.
"""

from __future__ import annotations

import pytest

from bot.engine.content.model import Content

SAYS = {
    "ru": ("WhatsApp", "номер телефона", "опасности", "паспорт", "вакансию", "дважды",
           "Редакторы", "без номеров", "/forget"),
    "ky": ("WhatsApp", "телефон номериңиз", "коркунуч", "паспорт", "сунушун", "эки жолу",
           "редакторлор", "номерлерсиз", "/forget"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_issue_13_privacy_notice_says_what_is_stored_and_who_sees_it(
    content: Content, lang: str
) -> None:
    notice = content.text("welcome", lang)
    for words in SAYS[lang]:
        assert words in notice, words
    assert "без номера телефона" not in notice and "сакталбайт" not in notice
