"""`nlu train | parse | test` on a small content folder, as the console sees them."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest

from bot.cli import nlu as nlu_cli

ROOT = Path(__file__).parents[2]
TINY = ROOT / "tests" / "data" / "nlu" / "tiny"
KY = (TINY / "ky.yml").read_text(encoding="utf-8")
RU = (TINY / "ru.yml").read_text(encoding="utf-8")


def run(*argv: str) -> int:
    """Build the parser the way `bot.cli` does, with only the `nlu` command."""
    parser = argparse.ArgumentParser(prog="sapar")
    nlu_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[str, ...]:
    for name, folder in (("content", "nlu"), ("held_out", ".")):
        target = tmp_path / name / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "ky.yml").write_text(KY, encoding="utf-8")
        (target / "ru.yml").write_text(RU, encoding="utf-8")
    return ("--content-dir", str(tmp_path / "content"), "--cache-dir", str(tmp_path / "cache"))


def test_train_prints_time_and_counts(
    dirs: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("nlu", *dirs, "train") == 0
    out = capsys.readouterr().out
    assert "ky: 12 examples" in out
    assert "ru: 12 examples" in out
    assert "3 intents" in out
    assert " s (" in out


def test_parse_text_prints_one_json_result(
    dirs: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("nlu", *dirs, "parse", "pasportumdu berbey jatat") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["text"] == "pasportumdu berbey jatat"
    assert result["language"] == "ky"
    assert result["intent"]["name"] == "passport_taken"
    assert {"intent_ranking", "entities"} <= set(result)


def test_parse_jsonl_answers_every_line(
    dirs: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = ["спасибо", "", "😀", "\x00\x01junk", "забрали паспорт звоните +996 555 000 000"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert run("nlu", *dirs, "parse", "--jsonl", "--threshold", "0.3") == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in results] == lines
    assert results[0]["intent"]["name"] == "thanks"
    assert results[1]["intent"]["name"] == "out_of_scope"
    assert results[1]["language"] == "other"
    assert results[4]["intent"]["name"] == "passport_taken"
    assert [e["entity"] for e in results[4]["entities"]] == ["phone"]


def test_parse_without_text_is_a_usage_error(dirs: tuple[str, ...]) -> None:
    assert run("nlu", *dirs, "parse") == 2


def test_test_writes_rasa_style_reports(
    dirs: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    shutil.copy(ROOT / "tests/data/nlu/corpora/ud_kyrgyz_ktmu_sample.jsonl", corpora)
    code = run(
        "nlu", *dirs, "test", "--out", str(out), "--test-dir", str(tmp_path / "held_out"),
        "--folds", "2", "--corpora", str(corpora),
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0, printed
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    assert report["accuracy"] == 1.0  # the held-out copy equals the training data here
    for key in ("precision", "recall", "f1-score", "support", "confused_with"):
        assert key in report["greet"]
    assert {"macro avg", "weighted avg"} <= set(report)
    assert json.loads((out / "intent_errors.json").read_text(encoding="utf-8")) == []
    assert (out / "intent_confusion_matrix.png").read_bytes()[:4] == b"\x89PNG"
    cv = json.loads((out / "cross_validation" / "intent_report.json").read_text(encoding="utf-8"))
    assert cv["greet"]["support"] == 8
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["corpus_language_detection"]["ud_kyrgyz_ktmu_sample"]["accuracy"] >= 0.97
    assert "ky: intent accuracy 1.000, language detection 1.000" in printed
    assert "ru: intent accuracy" in printed


def test_test_fails_when_a_target_is_missed(
    dirs: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held_out = tmp_path / "held_out"
    (held_out / "ru.yml").write_text(
        RU.replace("- спасибо\n", "- забрали паспорт у меня\n"), encoding="utf-8"
    )
    code = run(
        "nlu", *dirs, "test", "--out", str(tmp_path / "r"), "--test-dir", str(held_out),
        "--folds", "0",
    )  # fmt: skip
    assert code == 1
    assert "ru: intent accuracy 0.917" in capsys.readouterr().out
