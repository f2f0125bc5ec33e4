"""The contacts' HMAC key: from the environment only; production refuses a weak one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from bot.settings.contacts import DEVELOPMENT_KEY


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text("contacts:\n  min_chats: 4\n")
    return path


def test_production_without_a_secret_leaves_the_feature_off(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAPAR_APP__ENVIRONMENT", "production")
    monkeypatch.setenv("SAPAR_APP__SECRET_KEY", "k" * 40)
    settings = load_settings(config)
    assert settings.contacts.min_chats == 4
    assert settings.contacts.key("production") is None
    monkeypatch.setenv("SAPAR_CONTACTS__SECRET", "c" * 40)
    assert load_settings(config).contacts.key("production") == b"c" * 40


def test_production_refuses_a_weak_secret(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPAR_APP__ENVIRONMENT", "production")
    monkeypatch.setenv("SAPAR_APP__SECRET_KEY", "k" * 40)
    for weak in ("change-me", "short"):
        monkeypatch.setenv("SAPAR_CONTACTS__SECRET", weak)
        with pytest.raises(SettingsError, match="SAPAR_CONTACTS__SECRET"):
            load_settings(config)


def test_development_uses_its_own_key_and_the_file_may_not_hold_one(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("{}\n")
    assert load_settings(path).contacts.key("development") == DEVELOPMENT_KEY
    path.write_text("contacts:\n  secret: in-the-file\n")
    with pytest.raises(SettingsError, match="SAPAR_CONTACTS__SECRET"):
        load_settings(path)
