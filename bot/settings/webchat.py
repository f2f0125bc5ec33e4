"""The `webchat:` section of config.yml: how many new chats one address may open."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class WebchatSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # New conversations (a first message without a known chat) per address and window, in
    # each process. The address is the socket peer, or X-Forwarded-For when the peer is a
    # proxy uvicorn trusts (its --forwarded-allow-ips, 127.0.0.1 by default).
    new_chats_per_window: int = Field(default=30, ge=1)
    new_chats_window_seconds: float = Field(default=600.0, gt=0)
