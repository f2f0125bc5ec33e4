"""The console's words are content: none in its templates or Python, each one in dialogues/."""

from __future__ import annotations

import re
import string

from bot.services.content.documents import read_documents
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.services.staff import LoginResult
from bot.storage.database import Database
from tests.conftest import ROOT
from tests.said import said_in

CONSOLE = ROOT / "bot" / "console"
DOCUMENT = "dialogues/console_pages.yml"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TAGS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
TEMPLATE_KEY = re.compile(r"say\(\s*'([a-z0-9_]+)'(?!\s*~)")
# The same word in both languages.
SAME = {"console_site", "console_chat_title"}


def _texts(name: str) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = read_documents(ROOT)[name]["texts"]
    return texts


def _all() -> dict[str, dict[str, str]]:
    """Every `console_*` text, whichever document holds it (the satisfaction words are in
    satisfaction.yml, the WhatsApp ones in console_whatsapp.yml)."""
    texts: dict[str, dict[str, str]] = {}
    for document in read_documents(ROOT).values():
        found = (document or {}).get("texts", {}) if isinstance(document, dict) else {}
        texts |= {k: v for k, v in found.items() if k.startswith("console_")}
    return texts


def test_no_console_template_holds_cyrillic_outside_its_tags() -> None:
    for path in sorted((CONSOLE / "templates").glob("*.html")):
        text = TAGS.sub("", path.read_text(encoding="utf-8"))
        assert not CYRILLIC.findall(text), (path.name, CYRILLIC.findall(text)[:10])


def test_the_console_script_says_nothing_of_its_own() -> None:
    """console.js reads what it shows (notifications, connection, a reply's state) from the
    page's data-js-* attributes, so it holds no words: not even in a comment's example."""
    script = (CONSOLE / "static" / "console.js").read_text(encoding="utf-8")
    code = "\n".join(line.split("//")[0] for line in script.splitlines())
    assert not CYRILLIC.findall(code), CYRILLIC.findall(code)[:10]
    for key in re.findall(r"\bwords\.js([A-Z]\w+)", script):
        attribute = "data-js-" + re.sub(r"(?<!^)([A-Z])", r"-\1", key).lower()
        assert attribute in (CONSOLE / "templates" / "base.html").read_text(encoding="utf-8")


def test_no_console_python_holds_cyrillic_outside_its_docstrings() -> None:
    for path in sorted([*CONSOLE.rglob("*.py"), ROOT / "bot" / "web" / "login.py"]):
        for line, said in said_in(path):
            assert not CYRILLIC.search(said), (path.name, line, said)


def test_every_console_word_a_template_says_is_in_the_dialogues() -> None:
    keys: set[str] = set()
    for path in (CONSOLE / "templates").glob("*.html"):
        keys |= set(TEMPLATE_KEY.findall(path.read_text(encoding="utf-8")))
    keys |= {f"login_{r.value}" for r in LoginResult if r is not LoginResult.OK}  # mount.py
    assert len(keys) > 60  # the scan found the words
    missing = {f"console_{k}" for k in keys} - set(_all())
    assert not missing, sorted(missing)
    unused = set(_texts(DOCUMENT)) - {f"console_{k}" for k in keys}
    assert not unused, sorted(unused)  # a word no page says any more goes with the page


def test_console_pages_yml_holds_only_console_words_found_nowhere_else() -> None:
    new = set(_texts(DOCUMENT))
    assert all(key.startswith("console_") for key in new)
    for name, document in read_documents(ROOT).items():
        if name != DOCUMENT and isinstance(document, dict):
            assert not new & set(document.get("texts", {})), name


def test_every_console_text_is_kyrgyz_and_russian_with_the_same_placeholders() -> None:
    for key, text in _all().items():
        assert set(text) == {"ky", "ru"} and text["ky"].strip() and text["ru"].strip(), key
        assert _placeholders(text["ky"]) == _placeholders(text["ru"]), key
    kyrgyz = "".join(text["ky"] for text in _texts(DOCUMENT).values())
    assert {"ө", "ү", "ң"} <= set(kyrgyz)
    same = {key for key, text in _texts(DOCUMENT).items() if text["ky"] == text["ru"]}
    assert same <= SAME, same


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


async def test_a_database_seeded_before_console_pages_yml_gets_it_on_its_next_start(
    db: Database,
) -> None:
    files = read_documents(ROOT)
    older = {name: data for name, data in files.items() if name != DOCUMENT}
    assert DOCUMENT not in await Revisions(db).seed(older)
    live = LiveContent(ContentStore(lambda: load_content(ROOT)), Revisions(db), ROOT)
    await live.start()
    try:
        assert live.store.current.text("console_queue_title", "ky") == "Кезек"
        assert live.store.current.text("console_dead_title", "ru") == "Недоставленные ответы"
    finally:
        await live.stop()
