"""The one list of channels: the composition root builds each one its settings switch on."""

from __future__ import annotations

from bot.channels.protocol import Channel
from bot.channels.telegram.channel import Telegram
from bot.channels.webchat.channel import Webchat
from bot.channels.whatsapp.channel import WhatsApp

CHANNELS: list[type[Channel]] = [Webchat, Telegram, WhatsApp]
