"""The sections of config.yml, one model each; secrets are marked and come from the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

Wait = Annotated[float, Field(ge=0, le=60)]  # seconds
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev"})


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppSettings(Section):
    environment: Literal["development", "production"] = "development"
    secret_key: SecretStr = SecretStr("")  # secret: signs operator sessions

    @model_validator(mode="after")
    def _production_has_a_secret(self) -> AppSettings:
        """Production refuses to start with a placeholder or short session key."""
        key = self.secret_key.get_secret_value()
        if self.environment == "production" and (
            key.lower() in PLACEHOLDER_SECRETS or len(key) < 32
        ):
            raise ValueError(
                "secret_key (SAPAR_APP__SECRET_KEY): production needs a random secret "
                "of at least 32 characters"
            )
        return self


class WebSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    max_message_chars: int = Field(default=4096, ge=16)
    long_poll_seconds: float = Field(default=25.0, gt=0, le=60)
    # Slow clients: a connection must send its request line and headers within
    # header_timeout_seconds and then its body within body_timeout_seconds, or it is closed.
    header_timeout_seconds: float = Field(default=10.0, gt=0)
    body_timeout_seconds: float = Field(default=30.0, gt=0)
    keep_alive_seconds: int = Field(default=5, ge=1)  # an idle connection between requests
    max_header_bytes: int = Field(default=16_384, ge=1024)  # request line and headers
    # Connections and requests one process holds before it answers 503; off by default
    # because every waiting web-chat long poll holds one.
    limit_concurrency: int | None = Field(default=None, ge=1)
    hsts_seconds: int = Field(default=31_536_000, ge=0)  # Strict-Transport-Security, production
    api_docs: bool = False  # /docs, /redoc, /openapi.json; development only, never production


class DatabaseSettings(Section):
    url: str = "sqlite+aiosqlite:///var/sapar.db"
    echo: bool = False


class ContentSettings(Section):
    dir: Path = Path(".")
    stale_months: int = Field(default=12, ge=1, le=120)  # /admin lists items checked earlier


class NluSettings(Section):
    backend: Literal["builtin", "rasa"] = "builtin"
    rasa_url: str | None = None
    threshold: float = Field(default=0.45, ge=0, le=1)
    cache_dir: Path = Path("var/cache")


class OutboxSettings(Section):
    # Back-off after a failed try: exponential from base_delay, capped at max_delay, with
    # jitter; never sooner than the platform's own retry_after / Retry-After.
    base_delay_seconds: float = Field(default=1.0, gt=0)
    max_delay_seconds: float = Field(default=300.0, gt=0)
    # Tries go on this long after a reply was written (or an operator sent it again); then it
    # is dead and shown in the console. WhatsApp's replies stop earlier, when the 24-hour
    # customer-service window from the user's last message closes (only templates after it).
    give_up_after_hours: float = Field(default=24.0, gt=0)
    max_attempts: int | None = Field(default=None, ge=1)  # optionally also a cap on tries
    # After the platform accepted a reply, recording it is retried in memory after these
    # waits (a dropped database connection), so the row is not sent again when its lease ends.
    settle_retry_seconds: tuple[Wait, ...] = (0.05, 0.2, 0.5, 1.0, 2.0, 4.0)
    poll_interval_seconds: float = Field(default=1.0, gt=0)
    batch_size: int = Field(default=50, ge=1)
    # A claimed row comes back to any sender after this long (its sender died mid-send);
    # keep it well above the channels' timeout_seconds.
    lease_seconds: float = Field(default=120.0, ge=5)


class TelegramSettings(Section):
    token: SecretStr | None = None  # secret
    webhook_secret: SecretStr | None = None  # secret
    public_url: str | None = None
    mode: Literal["webhook", "polling"] = "polling"
    api_base: str = "https://api.telegram.org"
    timeout_seconds: float = Field(default=10.0, gt=0)  # one Bot API call, then retried
    poll_timeout_seconds: int = Field(default=25, ge=0, le=50)  # long polling's wait


class WhatsAppTemplate(Section):
    """A message template approved in WhatsApp Manager: what may open a closed window."""

    name: str = Field(min_length=1, max_length=512)
    # Sapar's language → the template's language code in WhatsApp ("ky" → "ky_KG")
    languages: dict[str, str] = Field(min_length=1)

    def code_for(self, language: str | None) -> str:
        """The template's language code for a user of `language` (else its first one)."""
        return self.languages.get(language or "", next(iter(self.languages.values())))


OPERATOR_ANSWERED = WhatsAppTemplate(
    name="operator_answered", languages={"ky": "ky_KG", "ru": "ru"}
)


class WhatsAppSettings(Section):
    access_token: SecretStr | None = None  # secret
    app_secret: SecretStr | None = None  # secret
    verify_token: SecretStr | None = None  # secret
    phone_number_id: str | None = None
    api_base: str = "https://graph.facebook.com/v21.0"
    timeout_seconds: float = Field(default=10.0, gt=0)  # one Graph API call, then retried
    # Approved templates an operator may send once the 24-hour window has closed.
    templates: tuple[WhatsAppTemplate, ...] = (OPERATOR_ANSWERED,)


SECRET_KEYS = {
    ("app", "secret_key"),
    ("contacts", "secret"),
    ("metrics", "token"),
    ("telegram", "token"),
    ("telegram", "webhook_secret"),
    ("whatsapp", "access_token"),
    ("whatsapp", "app_secret"),
    ("whatsapp", "verify_token"),
}
