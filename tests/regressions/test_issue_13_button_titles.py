"""Issue 13: «Да, удалить» showed as «Да» — an unquoted comma in a YAML flow mapping.

`{ky: Ооба, өчүрүү, ru: Да, удалить}` is four keys, not two titles: every text entry in
dialogues/ must have exactly the languages as keys, each a non-empty string.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = {"ky", "ru"}


@pytest.mark.parametrize("path", sorted((ROOT / "dialogues").glob("*.yml")), ids=lambda p: p.name)
def test_issue_13_every_title_and_text_has_exactly_ky_and_ru(path: Path) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in ("texts", "buttons"):
        for key, entry in (doc.get(section) or {}).items():
            assert isinstance(entry, dict) and set(entry) == LANGUAGES, (path.name, key, entry)
            assert all(isinstance(v, str) and v.strip() for v in entry.values()), (key, entry)
