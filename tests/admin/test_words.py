"""The admin's words are content: none in its templates or Python, each one in dialogues/."""

from __future__ import annotations

import re
import string

from bot.admin import refusals, views_answers, views_indicators, views_lists
from bot.admin.words import DOCUMENTS
from bot.services.content.documents import read_documents
from bot.services.content.live import LiveContent
from bot.services.content.revisions import Revisions
from bot.services.content.store import ContentStore, load_content
from bot.services.staff import LoginResult
from bot.storage.content import STATUSES
from bot.storage.database import Database
from tests.conftest import ROOT
from tests.said import said_in

ADMIN = ROOT / "bot" / "admin"
DOCUMENT = "dialogues/admin.yml"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TAGS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
# The refusals' words were in dialogues/web.yml before admin.yml existed and stay there: a
# database seeded then holds them in its web.yml, and the same key in two documents is refused.
OLDER = {
    "refused", "empty", "too_long", "not_numbers", "bad_pattern", "unbounded_pattern",
    "bad_severity", "no_checked", "other_problem", "language_ky", "language_ru", "field_title",
    "field_short", "field_more", "bad_yaml", "bad_date", "note_too_long", "too_long_at",
    "concept_name",
}  # fmt: skip
# Keys made of a kind and a stored id (`say.label("status", …)`, f"login_{result}"): each kind
# with every id it can take. A new kind fails the test below until it is listed here.
FAMILIES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "section": views_lists.SECTIONS,
    "part": ("label", "hours"),  # hotlines.html: an entry's texts
    "indicator": views_indicators.TEXTS,
    "changes": ("previous", "published"),  # views_documents.revision_page
    "gap": ("missing", "unreadable", "checked"),  # bot.services.content.work.Gap.kind
    "login": tuple(r.value for r in LoginResult if r is not LoginResult.OK),
    "doc": tuple(DOCUMENTS.values()),
    "field": views_answers.FIELDS,
    "language": ("ky", "ru"),  # a language without a name shows its code
}
TEMPLATE_KEY = re.compile(r"say\(\s*'([a-z0-9_]+)'(?!\s*~)")
TEMPLATE_FAMILY = re.compile(r"say\(\s*'([a-z0-9_]+)_' ~|say\.label\(\s*'([a-z0-9_]+)'")
PYTHON_KEY = re.compile(r"(?:say|self|words\(request\))\(\s*\"([a-z0-9_]+)\"")
PYTHON_FAMILY = re.compile(r"say\(\s*f\"([a-z0-9_]+)_\{|\.label\(\s*\"([a-z0-9_]+)\"")


def _texts(name: str) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = read_documents(ROOT)[name]["texts"]
    return texts


def _used() -> tuple[set[str], set[str]]:
    """The keys (without `admin_`) and the kinds the admin's templates and Python name."""
    keys: set[str] = {key for _, key in refusals.KNOWN}
    kinds: set[str] = set()
    for path in (ADMIN / "templates").glob("*.html"):
        source = path.read_text(encoding="utf-8")
        keys |= set(TEMPLATE_KEY.findall(source))
        kinds |= {a or b for a, b in TEMPLATE_FAMILY.findall(source)}
    for path in ADMIN.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        keys |= set(PYTHON_KEY.findall(source))
        kinds |= {a or b for a, b in PYTHON_FAMILY.findall(source)}
    return keys, kinds


def test_no_admin_template_holds_cyrillic_outside_its_tags() -> None:
    for path in sorted((ADMIN / "templates").glob("*.html")):
        text = TAGS.sub("", path.read_text(encoding="utf-8"))
        assert not CYRILLIC.findall(text), (path.name, CYRILLIC.findall(text)[:10])


def test_no_admin_python_holds_cyrillic_outside_its_docstrings() -> None:
    for path in sorted(ADMIN.rglob("*.py")):
        for line, said in said_in(path):
            assert not CYRILLIC.search(said), (path.name, line, said)


def test_every_admin_word_used_is_in_the_dialogues() -> None:
    keys, kinds = _used()
    assert kinds <= set(FAMILIES), f"list the ids of {kinds - set(FAMILIES)} in FAMILIES"
    keys |= {f"{kind}_{value}" for kind in kinds for value in FAMILIES[kind]}
    new, older = set(_texts(DOCUMENT)), set(_texts("dialogues/web.yml"))
    missing = {f"admin_{k}" for k in keys} - new - older
    assert not missing, sorted(missing)
    unused = new - {f"admin_{k}" for k in keys}
    assert not unused, sorted(unused)  # a word no page says any more goes with the page
    assert len(keys) > 150  # the scan found the words (a broken pattern would find none)


def test_the_older_refusals_stay_in_web_yml_and_everything_new_is_in_admin_yml() -> None:
    web = {k for k in _texts("dialogues/web.yml") if k.startswith("admin_")}
    assert web == {f"admin_{key}" for key in OLDER}
    new = _texts(DOCUMENT)
    assert all(key.startswith("admin_") for key in new)
    assert not web & set(new)


def test_every_admin_text_is_kyrgyz_and_russian_with_the_same_placeholders() -> None:
    texts = _texts(DOCUMENT) | {
        k: v for k, v in _texts("dialogues/web.yml").items() if k.startswith("admin_")
    }
    for key, text in texts.items():
        assert set(text) == {"ky", "ru"} and text["ky"].strip() and text["ru"].strip(), key
        assert _placeholders(text["ky"]) == _placeholders(text["ru"]), key
    kyrgyz = "".join(text["ky"] for text in _texts(DOCUMENT).values())
    assert {"ө", "ү", "ң"} <= set(kyrgyz)
    same = [key for key, text in _texts(DOCUMENT).items() if text["ky"] == text["ru"]]
    assert same == ["admin_col_document", "admin_col_file"], same  # the same word in both


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


async def test_a_database_seeded_before_admin_yml_gets_it_on_its_next_start(
    db: Database,
) -> None:
    files = read_documents(ROOT)
    older = {name: data for name, data in files.items() if name != DOCUMENT}
    assert DOCUMENT not in await Revisions(db).seed(older)
    live = LiveContent(ContentStore(lambda: load_content(ROOT)), Revisions(db), ROOT)
    await live.start()
    try:
        assert live.store.current.text("admin_save_draft", "ky") == "Долбоорду сактоо"
        assert live.store.current.text("admin_refused", "ru").startswith("Черновик не сохранён")
    finally:
        await live.stop()
