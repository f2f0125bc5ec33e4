"""The `voice:` section of config.yml: how long a voice note may be kept for an operator."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class VoiceSettings(BaseModel):
    """A voice note's audio is kept only while a hand-off is open, up to `max_bytes`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True  # off: voice notes are answered, never downloaded
    # Telegram's voice notes are Ogg Opus at about 2 KB a second: 2 MB is some 15 minutes.
    max_bytes: int = Field(default=2_097_152, ge=1024)
    download_timeout_seconds: float = Field(default=15.0, gt=0)
