"""The console's fixtures (a web app, logged-in operators) for the regression tests."""

from tests.console.conftest import anonymous, app, login  # noqa: F401  (fixtures reused here)
