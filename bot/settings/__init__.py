"""One typed Settings: `config.yml` for behaviour, `SAPAR_SECTION__KEY` environment overrides."""

from bot.settings.loader import (
    ENV_PREFIX,
    PROJECT_ROOT,
    Settings,
    SettingsError,
    load_settings,
)
from bot.settings.observability import LogSettings, MetricsSettings
from bot.settings.operators import OperatorsSettings
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
    WhatsAppTemplate,
)
from bot.settings.webchat import WebchatSettings

__all__ = [
    "ENV_PREFIX",
    "PROJECT_ROOT",
    "SECRET_KEYS",
    "AppSettings",
    "ContentSettings",
    "DatabaseSettings",
    "LogSettings",
    "MetricsSettings",
    "NluSettings",
    "OperatorsSettings",
    "OutboxSettings",
    "PrivacySettings",
    "Settings",
    "SettingsError",
    "TelegramSettings",
    "WebSettings",
    "WebchatSettings",
    "WhatsAppSettings",
    "WhatsAppTemplate",
    "load_settings",
]
