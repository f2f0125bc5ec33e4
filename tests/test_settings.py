"""Settings: file, environment overrides, secrets only from the environment, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yml"
    path.write_text("web:\n  port: 8100\ndatabase:\n  url: sqlite+aiosqlite:///var/x.db\n")
    return path


def test_the_repository_config_loads() -> None:
    settings = load_settings()
    assert settings.web.port == 8000
    assert settings.database_url.startswith("sqlite+aiosqlite:////")  # made absolute


def test_file_values_and_relative_paths(config: Path) -> None:
    settings = load_settings(config)
    assert settings.web.port == 8100
    assert settings.database_url == f"sqlite+aiosqlite:///{config.parent / 'var' / 'x.db'}"
    assert settings.path(settings.nlu.cache_dir) == config.parent / "var" / "cache"


def test_environment_overrides_the_file(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPAR_WEB__PORT", "9000")
    monkeypatch.setenv("SAPAR_DATABASE__URL", "postgresql+asyncpg://u@h/db")
    settings = load_settings(config)
    assert settings.web.port == 9000
    assert settings.database_url == "postgresql+asyncpg://u@h/db"
    assert settings.web.host == "127.0.0.1"  # the rest of the section is kept


def test_secrets_come_from_the_environment(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPAR_TELEGRAM__TOKEN", "123:abc")
    settings = load_settings(config)
    assert settings.telegram.token is not None
    assert settings.telegram.token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)


def test_a_secret_in_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("telegram:\n  token: '123:abc'\n")
    with pytest.raises(SettingsError, match="SAPAR_TELEGRAM__TOKEN"):
        load_settings(path)


def test_an_invalid_value_names_its_key(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAPAR_WEB__PORT", "eighty")
    with pytest.raises(SettingsError, match=r"web\.port \(SAPAR_WEB__PORT\)"):
        load_settings(config)


def test_an_unknown_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("web:\n  prot: 1\n")
    with pytest.raises(SettingsError, match=r"web\.prot"):
        load_settings(path)


def test_a_broken_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("web: [unclosed\n")
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(path)


def test_production_refuses_a_placeholder_secret(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAPAR_APP__ENVIRONMENT", "production")
    monkeypatch.setenv("SAPAR_APP__SECRET_KEY", "change-me")
    with pytest.raises(SettingsError, match="SAPAR_APP__SECRET_KEY"):
        load_settings(config)
    monkeypatch.setenv("SAPAR_APP__SECRET_KEY", "k" * 40)
    assert load_settings(config).app.environment == "production"


def test_the_metrics_token_is_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.yml"
    path.write_text("metrics:\n  token: scrape-me\n")
    with pytest.raises(SettingsError, match="SAPAR_METRICS__TOKEN"):
        load_settings(path)
    monkeypatch.setenv("SAPAR_METRICS__TOKEN", "scrape-me")
    token = load_settings().metrics.token
    assert token is not None and token.get_secret_value() == "scrape-me"


def test_the_log_format_is_text_or_json(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().log.format == "text"
    monkeypatch.setenv("SAPAR_LOG__FORMAT", "xml")
    with pytest.raises(SettingsError, match=r"log\.format \(SAPAR_LOG__FORMAT\)"):
        load_settings()


def test_wait_targets_are_per_reason_with_the_claim_target_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("operators:\n  wait_targets_minutes:\n    emergency: 5\n")
    operators = load_settings(path).operators
    assert operators.wait_target("emergency") == 5
    assert operators.wait_target("not_understood") == operators.claim_target_minutes == 15
    assert (operators.assignment, operators.max_open_chats) == ("manual", 3)
    repository = load_settings().operators
    assert repository.wait_target("passport_taken") == 5 and repository.assignment == "manual"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("wait_targets_minutes:\n    asked_for_cat: 5", "asked_for_cat"),
        ("wait_targets_minutes:\n    emergency: 0", "emergency"),
        ("assignment: round_robin", "assignment"),
        ("max_open_chats: 0", "max_open_chats"),
        ("late_alert_telegram_chat: '@operators'", "late_alert_telegram_chat"),
    ],
)
def test_a_bad_target_or_assignment_is_refused_by_name(
    tmp_path: Path, section: str, key: str
) -> None:
    path = tmp_path / "config.yml"
    path.write_text(f"operators:\n  {section}\n")
    with pytest.raises(SettingsError, match=key):
        load_settings(path)
