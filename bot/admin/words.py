"""The admin's words in the editor's language, from the published dialogues/admin.yml.

Pages call `say("save_draft")` for the text `admin_save_draft`, `say.label("status", "draft")`
for a revision's state and `say.title(name)` for a document's name. The refusals' words are in
dialogues/web.yml under the same prefix.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.web import words

if TYPE_CHECKING:
    from bot.engine.content.model import Content

# The documents the admin names, by file (their words: admin_doc_<id>); every other document
# is reachable from the index under its file name.
DOCUMENTS = {
    "knowledge/answers.yml": "answers",
    "knowledge/hotlines.yml": "hotlines",
    "knowledge/canned_replies.yml": "canned",
    "knowledge/indicators.yml": "indicators",
    "knowledge/wages.yml": "wages",
    "knowledge/agencies.yml": "agencies",
    "knowledge/offer_texts.yml": "offer_texts",
    "knowledge/glossary.yml": "glossary",
}
NLU = re.compile(r"nlu/(?P<code>[a-z]{2,3})\.yml")  # one training file per language


class Words(words.Words):
    """`admin_*` texts of one content revision, in one language."""

    def __init__(self, content: Content, language: str) -> None:
        super().__init__(content, language, "admin")

    def title(self, name: str) -> str:
        """A document's name for editors, or its file name when it has none."""
        found = NLU.fullmatch(name)
        if found is not None:
            return self("doc_nlu", in_language=self.label("language", found["code"]))
        return self.label("doc", DOCUMENTS.get(name), name)
