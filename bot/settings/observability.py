"""The `metrics:` and `log:` sections: who may scrape /metrics, how log lines look."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr


class MetricsSettings(BaseModel):
    """`/metrics` answers loopback clients; with a token, anyone who sends it as a bearer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    token: SecretStr | None = None  # secret: `Authorization: Bearer …` for remote scrapers


class LogSettings(BaseModel):
    """`json`: one JSON object a line, for a log collector; `text`: for a person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["text", "json"] = "text"
    access: bool = True  # one line per HTTP request: method, path, status, duration, id
