"""Settings: `config.yml` for behaviour, `SAPAR_SECTION__KEY` environment overrides.

Secrets (tokens, app secrets, the session key) come only from the environment: a secret found
in config.yml is an error, so that nobody commits one by accident.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from bot.settings.contacts import ContactsSettings
from bot.settings.observability import LogSettings, MetricsSettings
from bot.settings.operators import OperatorsSettings
from bot.settings.pictures import PicturesSettings
from bot.settings.privacy import PrivacySettings
from bot.settings.sections import (
    SECRET_KEYS,
    AppSettings,
    ContentSettings,
    DatabaseSettings,
    NluSettings,
    OutboxSettings,
    TelegramSettings,
    WebSettings,
    WhatsAppSettings,
)
from bot.settings.voice import VoiceSettings
from bot.settings.webchat import WebchatSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ENV_PREFIX = "SAPAR_"


class SettingsError(Exception):
    """Settings are invalid; the message names every offending key."""


class Settings(BaseSettings):
    """Everything configurable, in one object built once by `load_settings`."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid", frozen=True
    )

    app: AppSettings = AppSettings()
    web: WebSettings = WebSettings()
    database: DatabaseSettings = DatabaseSettings()
    content: ContentSettings = ContentSettings()
    nlu: NluSettings = NluSettings()
    outbox: OutboxSettings = OutboxSettings()
    telegram: TelegramSettings = TelegramSettings()
    whatsapp: WhatsAppSettings = WhatsAppSettings()
    operators: OperatorsSettings = OperatorsSettings()
    metrics: MetricsSettings = MetricsSettings()
    log: LogSettings = LogSettings()
    privacy: PrivacySettings = PrivacySettings()
    webchat: WebchatSettings = WebchatSettings()
    contacts: ContactsSettings = ContactsSettings()
    pictures: PicturesSettings = PicturesSettings()
    voice: VoiceSettings = VoiceSettings()
    base_dir: Path = PROJECT_ROOT  # relative paths in the file are relative to this

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init arguments; the environment must win over them.
        return (env_settings, init_settings)

    @model_validator(mode="after")
    def _sections_fit_the_environment(self) -> Settings:
        """A section whose secret is unfit for production says so (the app does not start)."""
        problem = self.contacts.problem(self.app.environment)
        if problem is not None:
            raise ValueError(problem)
        return self

    def path(self, value: Path) -> Path:
        """A configured path made absolute against the config file's folder."""
        return value if value.is_absolute() else (self.base_dir / value).resolve()

    @property
    def database_url(self) -> str:
        """The database URL with a relative SQLite file made absolute."""
        prefix = "sqlite+aiosqlite:///"
        url = self.database.url
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.path(Path(url.removeprefix(prefix))))
        return url


def _config_path(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    from_env = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if from_env:
        return Path(from_env)
    default = PROJECT_ROOT / "config.yml"
    return default if default.exists() else None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: the top level must be a mapping of sections")
    for section, key in sorted(SECRET_KEYS):
        if isinstance(data.get(section), dict) and key in data[section]:
            env = f"{ENV_PREFIX}{section.upper()}__{key.upper()}"
            raise SettingsError(
                f"{path}: {section}.{key} is a secret and may not be in the file; set {env}"
            )
    return data


def _describe(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        key = ".".join(loc)
        env = ENV_PREFIX + "__".join(part.upper() for part in loc)
        lines.append(f"{key} ({env}): {error['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Read the file, apply the environment, check the result.

    Raises:
        SettingsError: naming each invalid key and its environment variable.
    """
    path = _config_path(config)
    data = _read_file(path) if path is not None else {}
    data.update(overrides)
    if path is not None:
        data.setdefault("base_dir", path.resolve().parent)
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise SettingsError(_describe(exc)) from None
    return settings
