"""`python -m bot offer check|eval|import-agencies`, driven through its argparse registration."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import offer

ROOT = Path(__file__).resolve().parents[2]
SCAM = "Работа в Москве, 80 000 руб. Паспорт сдаёте бригадиру. Пишите в WhatsApp +7 999 123 45 67"


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    offer.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    code: int = args.func(args)
    return code, out.getvalue()


def test_check_prints_a_report_for_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(["offer", "check"], SCAM, monkeypatch)
    assert code == 0
    assert out.startswith("Уровень риска: Очень опасно")
    assert "«Паспорт сдаёте»" in out
    assert "Что ещё проверить" in out


def test_check_in_kyrgyz(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(["offer", "check", "--lang", "ky"], SCAM, monkeypatch)
    assert code == 0
    assert out.startswith("Коркунуч деңгээли: Өтө коркунучтуу")


def test_check_json(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(["offer", "check", "--json"], SCAM, monkeypatch)
    data = json.loads(out)
    assert code == 0
    assert data["risk_level"] == "critical"
    assert data["facts"]["city"] == "Москва"
    assert {i["id"] for i in data["indicators"]} >= {"document_retention", "vague_employer"}


def test_check_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (SCAM, "ООО «Ак Жол»"))
    code, out = _run(["offer", "check", "--jsonl"], lines + "\n", monkeypatch)
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["risk_level"] for r in results] == ["critical", "low"]


def test_check_jsonl_rejects_a_line_without_text(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(["offer", "check", "--jsonl"], '{"offer": "x"}\n', monkeypatch)
    assert code == 1
    assert out == ""


def test_empty_input_gets_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _run(["offer", "check"], "  \n", monkeypatch)
    assert code == 2
    assert "Текст пустой" in out


def test_eval_prints_scores_and_the_confusion_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(ROOT / "tests" / "data" / "offers_holdout.jsonl")
    code, out = _run(["offer", "eval", path], "", monkeypatch)
    assert code == 0
    assert "document_retention" in out
    assert "level confusion" in out


def test_import_agencies(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    monkeypatch.setattr(offer, "content_dir", lambda: tmp_path)
    csv_path = tmp_path / "register.csv"
    csv_path.write_text("name,permit\nОсОО «Жаштар Ишке»,045\nОсОО «Ак Ниет Кадр»,112\n", "utf-8")
    code, out = _run(["offer", "import-agencies", str(csv_path), "--complete"], "", monkeypatch)
    assert code == 0
    assert out.startswith("2 agencies imported")
    data = yaml.safe_load((tmp_path / "knowledge" / "agencies.yml").read_text("utf-8"))
    assert data["complete"] is True
    assert data["agencies"][0] == {"name": "ОсОО «Жаштар Ишке»", "permit": "045"}


def test_import_agencies_needs_a_name_column(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    monkeypatch.setattr(offer, "content_dir", lambda: tmp_path)
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("title\nX\n", "utf-8")
    code, _ = _run(["offer", "import-agencies", str(csv_path)], "", monkeypatch)
    assert code == 1
