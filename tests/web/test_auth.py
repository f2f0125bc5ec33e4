"""Where each role lands after logging in, and that every role can be given."""

from __future__ import annotations

import pytest

from bot.storage.staff import ROLES
from bot.web.auth import ADMIN_ROLES, MANAGER_ROLES, OPERATOR_ROLES, home_for


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("operator", "/console"),
        ("admin", "/console"),
        ("editor", "/admin"),
        ("manager", "/insights"),
    ],
)
def test_each_role_starts_on_its_own_page(role: str, home: str) -> None:
    assert home_for(role) == home


def test_a_manager_reads_figures_but_answers_no_chats() -> None:
    assert "manager" in ROLES
    assert "manager" in MANAGER_ROLES and "admin" in MANAGER_ROLES
    assert "manager" not in OPERATOR_ROLES and "manager" not in ADMIN_ROLES
