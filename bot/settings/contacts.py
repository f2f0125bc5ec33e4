"""The `contacts:` section: keyed hashes of recruiters' contacts (phones, accounts, companies).

The key comes only from the environment (`SAPAR_CONTACTS__SECRET`). Without it, production
leaves the feature off (the startup log says so) and development uses a fixed key that is
fine for trying things out and nothing else; a short or placeholder key in production is
refused, as the session key is.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from bot.settings.sections import PLACEHOLDER_SECRETS

MIN_SECRET_CHARS = 32
DEVELOPMENT_KEY = b"sapar-development-only-contacts-key"


class ContactsSettings(BaseModel):
    """How contacts are keyed and when a report warns about one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    secret: SecretStr | None = None  # secret: the HMAC key of every stored contact
    # A contact seen in risky offers from this many different chats (this one counted) warns.
    min_chats: int = Field(default=3, ge=2, le=1000)

    def problem(self, environment: str) -> str | None:
        """Why these settings may not start in `environment`, if they may not."""
        if self.secret is None or environment != "production":
            return None
        value = self.secret.get_secret_value()
        if value.lower() in PLACEHOLDER_SECRETS or len(value) < MIN_SECRET_CHARS:
            return (
                "contacts.secret (SAPAR_CONTACTS__SECRET): production needs a random secret "
                f"of at least {MIN_SECRET_CHARS} characters, or none to leave the feature off"
            )
        return None

    def key(self, environment: str) -> bytes | None:
        """The HMAC key; None when the feature is off (production without a secret)."""
        if self.secret is not None:
            return self.secret.get_secret_value().encode()
        return None if environment == "production" else DEVELOPMENT_KEY
