"""Sign-in limits (登录限制): back-off and lock-out per account, a cap per client address.

Counted from the access log in the database, so every worker process of `serve --workers N` sees the same
failures. The check comes before the password is hashed, so a refused attempt costs no argon2 hash, and it
refuses a correct password too: otherwise guessing would go on at full speed during the back-off.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.access_log import USERNAME_LENGTH, fresh_log, log_apart, log_in_unit, origin_of
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import NotFound, TooManyAttempts
from chainatlas.store.access_log import (
    LOCKED,
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_IN_THROTTLED,
    UNLOCKED,
    AccessLogRepository,
)
from chainatlas.store.history import HistoryRepository
from chainatlas.store.users import UserRepository


@dataclass(frozen=True)
class SignInLimits:
    """The numbers (docs/security.md, "Sign-in limits and access log")."""

    free_failures: int = 5
    """Consecutive failures of an account before each further attempt must wait."""
    first_delay_s: int = 1
    """The wait after the `free_failures`-th failure; it doubles with each further failure…"""
    max_delay_s: int = 900
    """…up to 15 minutes."""
    lock_after: int = 20
    """Consecutive failures that lock the account until an administrator unlocks it."""
    address_failures: int = 30
    """Failures from one client address within `address_window` that refuse further attempts from it."""
    address_window: dt.timedelta = dt.timedelta(minutes=15)


LIMITS = SignInLimits()


def account_delay_s(failures: int, limits: SignInLimits = LIMITS) -> int:
    """Return the seconds to wait after an account's n-th consecutive failure (0 while n < free_failures)."""
    if failures < limits.free_failures:
        return 0
    return int(min(limits.first_delay_s * 2 ** (failures - limits.free_failures), limits.max_delay_s))


def _wait_s(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))


def _account_refusal(
    repo: AccessLogRepository, username: str, now: dt.datetime, limits: SignInLimits
) -> TooManyAttempts | None:
    failures, last = repo.consecutive_failures(username)
    if failures >= limits.lock_after:
        return TooManyAttempts(code="sign_in.locked", retry_after=None)
    delay = account_delay_s(failures, limits)
    if delay and last is not None and now < last + dt.timedelta(seconds=delay):
        wait = _wait_s(last + dt.timedelta(seconds=delay), now)
        return TooManyAttempts(code="sign_in.wait", params={"wait": wait}, retry_after=wait)
    return None


def _address_refusal(
    repo: AccessLogRepository, address: str | None, now: dt.datetime, limits: SignInLimits
) -> TooManyAttempts | None:
    if address is None:
        return None
    recent = repo.recent_failures(address, since=now - limits.address_window, limit=limits.address_failures)
    if len(recent) < limits.address_failures:
        return None
    wait = _wait_s(recent[-1] + limits.address_window, now)
    return TooManyAttempts(code="sign_in.address_wait", params={"wait": wait}, retry_after=wait)


def check_sign_in_allowed(session: Session, *, username: str, limits: SignInLimits = LIMITS) -> None:
    """Raise TooManyAttempts (and log it) when this account or address must not try now; call before authenticating."""
    username = username[:USERNAME_LENGTH]  # as the log keeps it
    origin = origin_of(session)
    with fresh_log(session) as repo:
        refusal = _address_refusal(repo, origin.address, origin.at, limits)
        if username and refusal is None:
            refusal = _account_refusal(repo, username, origin.at, limits)
    if refusal is not None:
        detail = {"retry_after": refusal.retry_after}
        log_apart(session, username=username, user=None, event=SIGN_IN_THROTTLED, detail=detail)
        raise refusal


def record_sign_in(session: Session, *, username: str, user: User | None, limits: SignInLimits = LIMITS) -> None:
    """Log a sign-in (user) or a failed one (None); the failure that reaches the limit also locks the account."""
    username = username[:USERNAME_LENGTH]
    if not username:
        return
    if user is not None:
        log_apart(session, username=username, user=user, event=SIGN_IN, detail={})
        return
    log_apart(session, username=username, user=None, event=SIGN_IN_FAILED, detail={})
    with fresh_log(session) as repo:
        failures, _ = repo.consecutive_failures(username)
    if failures == limits.lock_after:
        log_apart(session, username=username, user=None, event=LOCKED, detail={"failures": failures})


def unlock_user(session: Session, ctx: WriteContext, admin: User | None, *, username: str) -> int:
    """Lift a user's back-off or lock-out (administrators only); record it; return the failures cleared."""
    require(admin, Action.MANAGE_USERS, "users")
    user = UserRepository(session).by_username(username)
    if user is None:
        raise NotFound(code="users.not_found", params={"username": username})
    failures, _ = AccessLogRepository(session).consecutive_failures(username)
    log_in_unit(session, username=username, user=user, event=UNLOCKED, detail={"by": ctx.actor, "failures": failures})
    entry = {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": "users",
        "record_key": username,
        "action": "unlock",
        "before": {"failures": failures},
        "after": {"failures": 0},
    }
    HistoryRepository(session).add_changes([entry])
    return failures
