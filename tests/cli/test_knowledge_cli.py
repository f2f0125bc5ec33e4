"""`python -m bot knowledge validate`: names the file, item and field of each problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    for folder in ("dialogues", "knowledge", "nlu"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_repository_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["knowledge", "validate", str(ROOT)]) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_broken_content_is_reported_with_where(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main_yml = content_copy / "dialogues" / "main.yml"
    data = yaml.safe_load(main_yml.read_text(encoding="utf-8"))
    data["texts"]["fallback"]["ky"] = " "
    main_yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answers = content_copy / "knowledge" / "answers.yml"
    answers.write_text(answers.read_text(encoding="utf-8").replace("checked:", "cheked:"))
    assert main(["knowledge", "validate", str(content_copy)]) == 1
    out = capsys.readouterr().out
    assert "dialogues: texts.fallback.ky: missing or empty text" in out
    assert "answers: answers.yml: documents.checked" in out
    assert "problem(s)" in out
