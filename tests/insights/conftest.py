"""The console's app and logins serve /insights too (one login for every staff room)."""

from __future__ import annotations

# Fixtures shared with the console's tests: pytest finds them by name in this module.
from tests.console.conftest import anonymous, app, login

__all__ = ["anonymous", "app", "login"]
