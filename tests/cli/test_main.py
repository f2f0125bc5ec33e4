"""The command line as a whole: invalid settings give one clear error, not a traceback."""

from __future__ import annotations

import pytest

from bot.cli import main


@pytest.mark.parametrize(
    "command",
    [["db", "current"], ["db", "backup", "x.db"], ["serve"], ["nlu", "train"], ["chat"],
     ["privacy", "purge"]],
)  # fmt: skip
def test_invalid_settings_name_the_key_and_exit_2(
    command: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SAPAR_WEB__PORT", "eighty")
    assert main(command) == 2
    assert "web.port (SAPAR_WEB__PORT)" in caplog.text
