"""The operators' topics' pure parts: an operator's line read as a command, the topic's name
and the case summary written as text in the staff's language."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.engine.content.model import Content
from bot.services.operators.summary import CaseSummary, Earlier, GivenNumber
from bot.services.operators.topic_text import Command, parse_command, summary_text, title
from bot.storage.handoffs import Handoff

T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def entry(**changes: object) -> Handoff:
    values: dict[str, object] = {
        "id": 7, "conversation_id": 1, "status": "queued", "reason": "asked_for_human",
        "risk_level": None, "emergency": False, "channel": "telegram", "language": "ky",
        "created_at": T0, "updated_at": T0,
    }  # fmt: skip
    return Handoff(**(values | changes))


def test_commands_are_read_with_or_without_the_bots_name_and_the_rest_is_words() -> None:
    assert parse_command("/claim") == Command("claim")
    assert parse_command("/claim@SaparBot") == Command("claim")
    assert parse_command("/CLOSE  advised ") == Command("close", "advised")
    assert parse_command("/note позвонить в шелтер завтра") == Command(
        "note", "позвонить в шелтер завтра"
    )
    assert parse_command("/start") == Command("unknown", "start")
    assert parse_command("  Саламатсызбы, мен операторму ") == Command(
        "say", "Саламатсызбы, мен операторму"
    )


def test_the_topic_is_named_by_handle_and_reason_and_danger_comes_first(
    content: Content,
) -> None:
    assert content.languages.staff == "ru"
    assert title(content, entry(), "#3fa92c") == "#3fa92c · Просит человека"
    danger = title(content, entry(reason="emergency", emergency=True), "#3fa92c")
    assert danger.startswith("⚠ #3fa92c · ")
    assert len(title(content, entry(), "#" + "x" * 300)) == 128


def test_the_summary_has_the_case_the_last_words_and_the_commands(content: Content) -> None:
    case = CaseSummary(
        location="Россия",
        about=None,
        numbers=(GivenNumber("112", "Экстренная служба", "Россия"),),
        earlier=(Earlier(3, T0, "emergency", "closed", "advised"),),
        offer_place="Москва, Россия",
    )
    assessment = {
        "level": "critical",
        "score": 90,
        "indicators": [{"name": "Паспорт заберут", "evidence": ["паспорт сдаёте нам"]}],
    }
    text = summary_text(content, entry(risk_level="critical"), case, assessment, "👤 помогите")
    lines = text.splitlines()
    assert lines[0] == "Просит человека"
    assert "Где находится: Россия" in lines
    assert "Бот дал номера: 📞 112 — Экстренная служба" in lines
    assert any(
        line.startswith("Прежние обращения: передавался оператору раньше: 1") for line in lines
    )
    assert "• Паспорт заберут: «паспорт сдаёте нам»" in lines
    assert any("Москва, Россия" in line for line in lines)
    assert "👤 помогите" in text
    assert lines[-1].startswith("Команды: /claim") and "advised" in lines[-1]


def test_a_summary_without_an_offer_or_a_past_says_so(content: Content) -> None:
    case = CaseSummary(location=None, about=None, numbers=(), earlier=())
    text = summary_text(content, entry(), case, None, None)
    assert "Где находится: неизвестно" in text
    assert "Бот дал номера: бот не давал номеров" in text
    assert "Прежние обращения: впервые" in text
    assert "Уровень" not in text and "👤" not in text
