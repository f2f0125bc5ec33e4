"""Channels: adapters from each platform's payloads to UserMessage and from Reply back."""
