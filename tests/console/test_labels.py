"""The console's labels are content in both languages and follow the staff member's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from bot.app import Sapar
from bot.console.words import Words
from bot.engine.content.model import Content
from bot.services.content.documents import read_documents
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.storage.database import Database
from tests.conftest import ROOT
from tests.console.conftest import Login, csrf_of, hand_over

LABELS_DOCUMENT = "dialogues/console_labels.yml"
# Every id that bot/console/labels.py once named in Russian only, by kind.
FORMER = {
    "reason": (
        "emergency", "passport_taken", "critical_offer", "asked_for_human", "not_understood",
    ),
    "level": ("critical", "high", "medium", "low"),
    "outcome": (
        "advised", "referred_shelter", "referred_police", "return_assistance", "no_response",
        "other", "withdrawn", "forgotten",
    ),
    "author": ("user", "bot", "operator"),
    "role": ("operator", "editor", "admin"),
    "action": ("login", "logout", "open_chat", "claim", "transfer", "close", "resend_dead"),
    "error": ("taken", "not_yours", "gone", "invalid"),
    "waited": ("minutes", "hours"),
}  # fmt: skip
KYRGYZ_LETTERS = set("өүңӨҮҢ")


def test_every_former_label_is_content_in_kyrgyz_and_russian(content: Content) -> None:
    for kind, ids in FORMER.items():
        for value in ids:
            text = content.texts[f"console_{kind}_{value}"]
            assert text["ky"].strip() and text["ru"].strip(), (kind, value)
    kyrgyz = "".join(
        content.texts[f"console_{k}_{v}"]["ky"] for k, ids in FORMER.items() for v in ids
    )
    assert KYRGYZ_LETTERS & set(kyrgyz)
    # Sentences, not names: the reasons, outcomes, actions and errors read differently in Kyrgyz.
    for kind in ("reason", "outcome", "action", "error"):
        for value in FORMER[kind]:
            text = content.texts[f"console_{kind}_{value}"]
            assert text["ky"] != text["ru"], (kind, value)


def test_every_console_label_is_in_its_own_document() -> None:
    """A database seeded before the labels existed gets them: new documents are seeded."""
    docs = read_documents(ROOT)
    texts = docs[LABELS_DOCUMENT]["texts"]
    assert {f"console_{k}_{v}" for k, ids in FORMER.items() for v in ids} <= set(texts)
    assert not set(texts) & set(docs["dialogues/console.yml"]["texts"])


async def test_a_database_seeded_before_the_labels_gets_them_on_its_next_start(
    db: Database,
) -> None:
    files = read_documents(ROOT)
    older = {name: data for name, data in files.items() if name != LABELS_DOCUMENT}
    assert LABELS_DOCUMENT not in await Revisions(db).seed(older)
    live = LiveContent(ContentStore(lambda: load_content(ROOT)), Revisions(db), ROOT)
    await live.start()
    try:
        assert live.store.current.text("console_level_critical", "ky") == "өтө коркунучтуу"
    finally:
        await live.stop()


@pytest.mark.parametrize(
    ("language", "minutes", "expected"),
    [
        ("ru", 7, "7 мин"),
        ("ru", 125, "2 ч 05 мин"),
        ("ky", 7, "7 мүн."),
        ("ky", 125, "2 саат 05 мүн."),
        ("ru", -3, "0 мин"),
    ],
)
def test_waiting_time_in_the_staff_language(
    content: Content, language: str, minutes: int, expected: str
) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert Words(content, language).waited(now - timedelta(minutes=minutes), now) == expected


def test_an_unknown_id_shows_as_itself_and_no_level_as_a_dash(content: Content) -> None:
    say = Words(content, "ky")
    assert say.label("reason", "something_new") == "something_new"
    assert say.label("level", None, "—") == "—"
    assert say.label("level", "high", "—") == "жогорку"


LANGUAGES: dict[str, Any] = {
    "ru": {
        "queue": ("Просит человека", "оператор", "мин"),
        "chat": ("Просит человека", "Пользователь"),
        "close": "Консультация дана",
        "audit": ("открыл(а) чат", "вход"),
        "taken": "Этот чат уже взял другой оператор.",
    },
    "ky": {
        "queue": ("Адам менен сүйлөшкүсү келет", "оператор", "мүн."),
        "chat": ("Адам менен сүйлөшкүсү келет", "Колдонуучу"),
        "close": "Кеңеш берилди",
        "audit": ("чатты ачты", "кирди"),
        "taken": "Бул чатты башка оператор алып койгон.",
    },
}


@pytest.mark.parametrize("language", ["ru", "ky"])
async def test_console_pages_speak_the_staff_members_language(
    sapar: Sapar, login: Login, language: str
) -> None:
    words = LANGUAGES[language]
    other = LANGUAGES["ky" if language == "ru" else "ru"]
    handoff_id = await hand_over(sapar)
    ann, bob, admin = await login("operator"), await login("operator"), await login("admin")
    for http in (ann, bob, admin):
        http.headers["accept-language"] = f"{language},en;q=0.5"

    queue = await ann.get("/console")
    assert queue.status_code == 200
    assert f'lang="{language}"' in queue.text
    for text in words["queue"]:
        assert text in queue.text, text
    assert other["queue"][0] not in queue.text

    chat = await ann.get(f"/console/chats/{handoff_id}")
    assert chat.status_code == 200
    for text in words["chat"]:
        assert text in chat.text, text
    assert other["chat"][1] not in chat.text

    token = await csrf_of(ann, "/console")
    await ann.post(f"/console/chats/{handoff_id}/claim", data={"csrf_token": token})
    held = await ann.get(f"/console/chats/{handoff_id}")
    assert words["close"] in held.text and other["close"] not in held.text
    late = await bob.post(
        f"/console/chats/{handoff_id}/claim",
        data={"csrf_token": await csrf_of(bob, "/console")},
        headers={"accept": "application/json"},
    )
    assert late.status_code == 409 and late.json()["detail"] == words["taken"]
    refused = await bob.get(f"/console/chats/{handoff_id}?error=taken")
    assert words["taken"] in refused.text

    audit = await admin.get("/console/audit")
    assert audit.status_code == 200
    for text in words["audit"]:
        assert text in audit.text, text
    assert other["audit"][0] not in audit.text


async def test_the_audit_log_keeps_its_action_ids(sapar: Sapar, login: Login) -> None:
    """Only the display changes: the stored action is still the id."""
    handoff_id = await hand_over(sapar)
    ann = await login("operator")
    ann.headers["accept-language"] = "ky"
    await ann.get(f"/console/chats/{handoff_id}")
    async with sapar.db.transaction() as session:
        actions = set((await session.execute(sa.text("select action from audit_log"))).scalars())
    assert {"login", "open_chat"} <= actions
