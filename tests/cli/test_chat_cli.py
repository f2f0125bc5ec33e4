"""`python -m bot chat --jsonl`: the machine contract, as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KYRGYZ_LETTERS = set("өүң")


def run_jsonl(*lines: str, args: tuple[str, ...] = ()) -> list[dict[str, object]]:
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", *args],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in completed.stdout.splitlines()]


def test_greetings_are_answered_in_their_language() -> None:
    out = run_jsonl(
        json.dumps({"user": "a", "text": "Здравствуйте"}),
        json.dumps({"user": "b", "text": "Саламатсызбы"}),
    )
    assert [o["language"] for o in out] == ["ru", "ky"]
    kyrgyz = " ".join(str(r["text"]) for r in out[1]["replies"])  # type: ignore[union-attr]
    assert KYRGYZ_LETTERS & set(kyrgyz) == KYRGYZ_LETTERS
    for line in out:
        assert set(line) == {"user", "replies", "language", "intent", "risk_level", "escalated"}
        assert line["escalated"] is False and line["risk_level"] is None
        for reply in line["replies"]:  # type: ignore[union-attr]
            assert set(reply) == {"text", "buttons"}


def test_bad_lines_get_an_error_line_and_the_run_goes_on() -> None:
    out = run_jsonl(
        json.dumps({"user": "a", "text": "Здравствуйте"}),
        "{not json",
        "[1, 2]",
        json.dumps({"text": "no user"}),
        json.dumps({"user": "a"}),
        json.dumps({"user": "a", "text": 5}),
        json.dumps({"user": "a", "button": "no-such-button"}),
        json.dumps({"user": "a", "text": ""}),
        json.dumps({"user": "a", "text": "x" * 100_000}),
        json.dumps({"user": "a", "button": "lang_ky"}),
    )
    assert len(out) == 10
    assert all("error" in o for o in out[1:6])
    assert "JSON" in str(out[1]["error"])
    unknown, empty, huge, switched = out[6:]
    assert unknown["replies"] and not unknown["escalated"]
    assert "пуст" in str(empty["replies"][0]["text"])  # type: ignore[index]
    assert "4096" in str(huge["replies"][0]["text"])  # type: ignore[index]
    assert switched["language"] == "ky"  # the conversation survived all of the above


def test_state_is_kept_per_user_for_the_whole_run() -> None:
    out = run_jsonl(
        json.dumps({"user": "a", "text": "Здравствуйте"}),
        json.dumps({"user": "a", "text": "фывапролд"}),
        json.dumps({"user": "b", "text": "фывапролд"}),
        json.dumps({"user": "a", "text": "фывапролд"}),
    )
    assert [o["escalated"] for o in out] == [False, False, False, True]


def test_a_given_database_keeps_conversations_between_runs(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'kept.db'}"
    first = run_jsonl(json.dumps({"user": "a", "text": "Здравствуйте"}), args=("--db", url))
    welcome = first[0]["replies"][0]["text"]  # type: ignore[index]
    out = run_jsonl(json.dumps({"user": "a", "text": "/operator"}), args=("--db", url))
    assert out[0]["escalated"] is True
    # No second welcome: the user was known. (Outside operators' hours a second reply gives
    # the hours, so the count of replies depends on the clock; the welcome must not appear.)
    texts = [r["text"] for r in out[0]["replies"]]  # type: ignore[union-attr]
    assert texts and welcome not in texts
