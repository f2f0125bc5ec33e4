"""Issue 13, item 11: «Подробнее» shows at most three named, clickable, trusted sources.

It showed up to ten raw URLs in one line, titles in English or Russian in Kyrgyz mode, and
weak sources (a 2015 expat blog, an SEO question page, a forum comment).
"""

from __future__ import annotations

import re

import pytest

from bot.engine.content.answers import Variant, shown_sources
from bot.engine.content.model import Content
from bot.engine.dialogue.replies import answer_more

URL = re.compile(r"https?://\S+")
WEAK = ("expatpartners.com", "seo.vseadvokaty.ru", "novostibishkeka.ru", "citiesinsider.com")


def _variants(content: Content) -> list[tuple[str, str | None, Variant]]:
    return [
        (answer.id, code, answer.variant(code))
        for answer in content.answers.values()
        for code in (None, *answer.by_country)
    ]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_more_shows_up_to_three_sources_each_link_on_its_own_line(
    content: Content, lang: str
) -> None:
    for answer_id, code, variant in _variants(content):
        text = answer_more(content, content.answers[answer_id], code, lang).text
        where = f"{answer_id}:{code} ({lang})"
        urls = URL.findall(text)
        assert 1 <= len(urls) <= 3, where
        lines = text.splitlines()
        for url in urls:
            assert url in lines, f"{where}: {url} is not on a line of its own"
        assert not any(weak in text for weak in WEAK), where
        for source in shown_sources(variant.sources):
            assert source.title["ky"] != source.title["ru"], (
                f"{where}: {source.url} in one language"
            )
            assert source.title[lang] in text, where


def test_official_and_ngo_sources_come_first(content: Content) -> None:
    russia = shown_sources(content.answers["legal_stay"].by_country["RU"].sources)
    assert russia[0].kind == "official" and "mfa.gov.kg" in russia[0].url
    wages = shown_sources(content.answers["unpaid_wages"].general.sources)
    assert wages[0].kind == "ngo"
    assert all(s.kind != "weak" for s in wages)


def test_a_weak_source_stays_in_the_knowledge_for_editors(content: Content) -> None:
    sources = content.answers["unpaid_wages"].general.sources
    assert any(s.kind == "weak" and "vseadvokaty" in s.url for s in sources)
