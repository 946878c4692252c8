"""Who sees a confidential supply link: analysts and admins, and a member of one of its two parties only."""

from __future__ import annotations

import pytest

from chainatlas.domain.access import own_confidential_enterprise, sees_confidential_link
from chainatlas.domain.user import Role, User


@pytest.mark.parametrize(
    ("role", "firm", "sees_e3_to_e2", "sees_e1_to_e2"),
    [
        (Role.ADMIN, None, True, True),
        (Role.ANALYST, None, True, True),
        (Role.MEMBER, "E3", True, False),
        (Role.PARTICIPANT, "E3", False, False),  # a fair registration, not the enterprise's staff
        (Role.VIEWER, "E3", False, False),
    ],
)
def test_who_sees_a_confidential_link(role: Role, firm: str | None, sees_e3_to_e2: bool, sees_e1_to_e2: bool) -> None:
    user = User(id=1, username="someone", role=role, enterprise_id=firm)
    assert sees_confidential_link(user, "E3", "E2") is sees_e3_to_e2
    assert sees_confidential_link(user, "E1", "E2") is sees_e1_to_e2
    assert own_confidential_enterprise(user) == ("E3" if role is Role.MEMBER else None)


def test_an_anonymous_visitor_sees_no_confidential_link() -> None:
    assert not sees_confidential_link(None, "E3", "E2") and own_confidential_enterprise(None) is None
