"""Errors services raise; adapters turn them into exit codes, problem+json or form messages."""

from __future__ import annotations

from chainatlas.domain.common import Problem
from chainatlas.domain.messages import Lang, Params, message_text


class ServiceError(Exception):
    """Base of the errors a user can act on: a message code with parameters (see `domain.messages`), or, in
    older code, one text."""

    def __init__(self, message: str = "", *, code: str = "", params: Params | None = None) -> None:
        self.code = code
        self.params: dict[str, str | int | float | None] = dict(params or {})
        super().__init__(message or message_text(code, self.params, "en"))

    def text(self, lang: Lang) -> str:
        """Return the message in `lang`."""
        return message_text(self.code, self.params, lang) if self.code else str(self)


class InvalidInput(ServiceError):
    """The input breaks rules; every problem is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems), code="input.invalid")
        self.problems = problems


class NotFound(ServiceError):
    """No record has the given key."""


class Conflict(ServiceError):
    """The write clashes with existing records (a duplicate key, or records still referring to it)."""


class NotAllowed(ServiceError):
    """The user (or an anonymous visitor, when `signed_in` is False) may not do this."""

    def __init__(self, message: str = "", *, signed_in: bool, code: str = "", params: Params | None = None) -> None:
        super().__init__(message, code=code, params=params)
        self.signed_in = signed_in


class TooManyAttempts(ServiceError):
    """Sign-in refused without checking the password: too many failures (wait `retry_after` seconds, or, when
    it is None, until an administrator unlocks the account)."""

    def __init__(
        self, message: str = "", *, retry_after: int | None, code: str = "", params: Params | None = None
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.retry_after = retry_after
