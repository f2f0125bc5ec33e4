"""The console's web app and logged-in clients, for the managers' pages."""

from tests.console.conftest import anonymous, app, login  # noqa: F401  (fixtures reused here)
