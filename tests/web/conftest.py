"""Fixtures for the web shell's tests: the channels' fakes and a started Sapar."""

from tests.channels.conftest import fake_telegram, start  # noqa: F401  (fixtures reused here)
