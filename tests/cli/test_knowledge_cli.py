"""`python -m bot knowledge validate`: names the file, item and field of each problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.services.content.documents import read_documents

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


def test_a_broken_country_box_is_reported_with_where(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    boxes = content_copy / "knowledge" / "country_boxes.yml"
    data = yaml.safe_load(boxes.read_text(encoding="utf-8"))
    data["countries"]["TR"][0]["north"] = 30.0  # below its south
    boxes.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["knowledge", "validate", str(content_copy)]) == 1
    assert "country_boxes.yml: TR[0]: south < north" in capsys.readouterr().out


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPAR_DATABASE__URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")


def texts(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): p.read_text(encoding="utf-8")
        for p in sorted(directory.rglob("*.yml"))
    }


def test_export_import_export_is_lossless(
    database: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["knowledge", "export", str(first)]) == 0
    assert read_documents(first) == read_documents(ROOT)  # the seed, ids and all
    assert list(read_documents(first)["knowledge/answers.yml"]["answers"][0]) == list(
        read_documents(ROOT)["knowledge/answers.yml"]["answers"][0]
    )  # keys in their order
    assert main(["knowledge", "import", str(first)]) == 0
    assert "0 document(s) changed" in capsys.readouterr().out
    assert main(["knowledge", "export", str(second)]) == 0
    assert texts(second) == texts(first)  # byte-identical
    assert main(["knowledge", "validate", str(second)]) == 0


def test_an_imported_edit_is_a_draft_until_published(
    database: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["knowledge", "export", str(out)]) == 0
    answers = out / "knowledge" / "answers.yml"
    old = "Жолго чыгаар алдында даярдаңыз:"
    answers.write_text(answers.read_text(encoding="utf-8").replace(old, "Жолго даярдаңыз:"))
    assert main(["knowledge", "import", str(out)]) == 0
    assert "knowledge/answers.yml: draft #2" in capsys.readouterr().out
    assert main(["knowledge", "export", str(tmp_path / "live")]) == 0
    assert old in (tmp_path / "live" / "knowledge" / "answers.yml").read_text(encoding="utf-8")

    assert main(["knowledge", "import", "--publish", str(out)]) == 0
    assert "knowledge/answers.yml: published #3" in capsys.readouterr().out
    assert main(["knowledge", "export", str(tmp_path / "after")]) == 0
    assert texts(tmp_path / "after") == texts(out)


def test_a_broken_import_names_file_item_and_field_and_changes_nothing(
    database: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["knowledge", "export", str(out)]) == 0
    indicators = out / "knowledge" / "indicators.yml"
    data = yaml.safe_load(indicators.read_text(encoding="utf-8"))
    data["indicators"]["document_retention"]["severity"] = "awful"
    indicators.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["knowledge", "import", "--publish", str(out)]) == 1
    output = capsys.readouterr().out
    assert "knowledge/indicators.yml: document_retention: severity" in output
    assert "nothing imported" in output


def test_a_missing_content_file_is_a_problem(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_copy / "knowledge" / "answers.yml").unlink()
    assert main(["knowledge", "validate", str(content_copy)]) == 1
    assert "knowledge/answers.yml: missing" in capsys.readouterr().out
