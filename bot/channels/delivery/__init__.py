"""Durable sending shared by every channel: the deliverer protocol, the sender, splitting."""
