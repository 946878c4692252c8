"""Users: one-time passwords."""

from __future__ import annotations


def test_one_time_passwords_always_meet_the_password_rules() -> None:
    from chainatlas.domain.user import password_problems
    from chainatlas.services.users import one_time_password

    # An all-letter token (about 4 % of raw tokens) once made `user add` and the first start fail.
    assert all(password_problems(one_time_password()) == [] for _ in range(2000))
