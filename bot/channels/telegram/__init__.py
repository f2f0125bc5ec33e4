"""Telegram (aiogram 3): updates by webhook or long polling, replies through the Bot API."""
