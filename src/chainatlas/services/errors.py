"""Errors services raise; adapters turn them into exit codes, problem+json or form messages."""

from __future__ import annotations

from chainatlas.domain.common import Problem


class ServiceError(Exception):
    """Base of the errors a user can act on."""


class InvalidInput(ServiceError):
    """The input breaks rules; every problem is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


class NotFound(ServiceError):
    """No record has the given key."""


class Conflict(ServiceError):
    """The write clashes with existing records (a duplicate key, or records still referring to it)."""


class NotAllowed(ServiceError):
    """The user (or an anonymous visitor, when `signed_in` is False) may not do this."""

    def __init__(self, message: str, *, signed_in: bool) -> None:
        super().__init__(message)
        self.signed_in = signed_in


class TooManyAttempts(ServiceError):
    """Sign-in refused without checking the password: too many failures (wait `retry_after` seconds, or, when
    it is None, until an administrator unlocks the account)."""

    def __init__(self, message: str, *, retry_after: int | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
