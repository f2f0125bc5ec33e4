"""Words of the staff interface (Russian: the hotline's operators are Russian-speaking)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

REASONS = {
    "emergency": "Опасность сейчас",
    "passport_taken": "Забрали паспорт",
    "critical_offer": "Опасная вакансия",
    "asked_for_human": "Просит человека",
    "not_understood": "Бот не понял",
}
LEVELS = {"critical": "критический", "high": "высокий", "medium": "средний", "low": "низкий"}
OUTCOMES = {
    "advised": "Консультация дана",
    "referred_shelter": "Направлен(а) в приют",
    "referred_police": "Направлен(а) в полицию",
    "return_assistance": "Помощь с возвращением",
    "no_response": "Нет ответа",
    "other": "Другое",
    # Set by the system, never chosen in the close form:
    "withdrawn": "Пользователь отменил вызов оператора",
    "forgotten": "Пользователь удалил переписку (/forget)",
}
AUTHORS = {"user": "Пользователь", "bot": "Бот", "operator": "Оператор"}
ROLES = {"operator": "оператор", "editor": "редактор", "admin": "администратор"}
ACTIONS = {
    "login": "вход",
    "logout": "выход",
    "open_chat": "открыл(а) чат",
    "claim": "взял(а) чат",
    "transfer": "передал(а) чат",
    "close": "завершил(а) чат",
    "resend_dead": "отправил(а) недоставленный ответ снова",
}
ERRORS = {
    "taken": "Этот чат уже взял другой оператор.",
    "not_yours": "Сначала возьмите чат: сейчас он не у вас.",
    "gone": "Этого чата больше нет в очереди.",
    "invalid": "Проверьте, что всё заполнено.",
}


def local_time(value: datetime, zone: ZoneInfo) -> str:
    """A time as operators read it: day.month hours:minutes in the hotline's zone."""
    return value.astimezone(zone).strftime("%d.%m %H:%M")


def waited(since: datetime, now: datetime) -> str:
    """How long someone has waited: «7 мин», «2 ч 05 мин»."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} мин"
    return f"{minutes // 60} ч {minutes % 60:02d} мин"
