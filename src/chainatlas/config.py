"""Settings, read only by `app` and `cli`: environment `CHAINATLAS_*`, then flags; and the system clock they
hand on (`cluster_clock`). It sits just above `domain`; a contract keeps every other reader out.

May import `domain`.
Never imports `services`, `demo`, `interchange`, `reports`, `store`, `analytics`, `api`, `web` or `cli`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chainatlas.domain.alert_schedule import parse_time_of_day
from chainatlas.domain.as_of import ClusterClock

DEFAULT_DB_FILE = Path("var") / "chainatlas.db"
DEFAULT_TIME_ZONE = "Asia/Shanghai"
DEFAULT_ALERTS_AT = "07:30"
DEFAULT_BACKGROUND_REFRESH = "on"
"""Whether the server recomputes the default analyses after a write (the tests' conftest sets it to `off`)."""
DEFAULT_EXECUTOR = "local"
"""Where resilience sweeps run: `local` (a process pool on this machine), `serial` or `dask://HOST:PORT`."""
"""When the server evaluates the alert rules each day (the tests' conftest sets it to `off`)."""


@dataclass(frozen=True)
class Settings:
    """Everything the application needs to know about where it runs."""

    database_url: str
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_mb: int = 200
    job_timeout_seconds: float = 60.0
    """The time limit of a heavy job (an analysis); past it the job is stopped and the request answers 503."""
    jobs_per_user: int = 2
    """How many heavy jobs one user may have running at once; one more answers 429."""
    cookie_secure: str = "auto"
    token_days: int = 90
    forwarded_allow_ips: str = "127.0.0.1"
    time_zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIME_ZONE))
    """The cluster's time zone: "today" (the default as-of date) is the date there."""
    alerts_at: dt.time | None = None
    """When the server evaluates the alert rules each day, in the cluster's time zone; None: never by itself."""
    alerts_poll_seconds: float = 30.0
    """How often the server looks whether an evaluation is due (the registry changed, the daily time passed)."""
    executor: str = DEFAULT_EXECUTOR
    """Where the CLI's resilience sweeps run (`--executor`); checked where it is used, by the resilience service."""
    feeds_poll_seconds: float | None = None
    """How often the server looks for news feeds due (each feed has its own schedule); None: it never fetches."""
    background_refresh: bool = True
    """Whether each server process recomputes the default analyses in the background after a registry write."""


COOKIE_SECURE_CHOICES = ("auto", "true", "false")


class SettingError(ValueError):
    """A setting has a value the application cannot use."""


def _cookie_secure(value: str) -> str:
    chosen = value.strip().lower()
    if chosen not in COOKIE_SECURE_CHOICES:
        raise SettingError(f"CHAINATLAS_COOKIE_SECURE must be auto, true or false, not {value!r}")
    return chosen


def _token_days(value: str) -> int:
    if not value.strip().isdigit() or not 1 <= int(value) <= 3650:
        raise SettingError(f"CHAINATLAS_TOKEN_DAYS must be a whole number of days from 1 to 3650, not {value!r}")
    return int(value)


def _time_zone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingError(
            f"CHAINATLAS_TIME_ZONE must be an IANA time zone name such as {DEFAULT_TIME_ZONE} or UTC, not {value!r}"
        ) from error


def _alerts_at(value: str) -> dt.time | None:
    if value.strip().lower() == "off":
        return None
    found = parse_time_of_day(value)
    if found is None:
        raise SettingError(f"CHAINATLAS_ALERTS_AT must be a time of day HH:MM (such as 07:30) or off, not {value!r}")
    return found


def _on_off(env: Mapping[str, str], name: str, default: str) -> bool:
    value = env.get(name, default).strip().lower()
    if value not in ("on", "off"):
        raise SettingError(f"{name} must be on or off, not {value!r}")
    return value == "on"


def utc_now() -> dt.datetime:
    """Return the system clock's time in UTC (the one clock app and cli hand on)."""
    return dt.datetime.now(dt.UTC)


def cluster_clock(settings: Settings) -> ClusterClock:
    """Return the cluster's calendar: the settings' time zone on the system clock."""
    return ClusterClock(zone=settings.time_zone, now=utc_now)


def default_database_url(cwd: Path) -> str:
    """Return the default database: an SQLite file under `var/` in the working directory."""
    return f"sqlite:///{(cwd / DEFAULT_DB_FILE).resolve()}"


def load_settings(env: Mapping[str, str] | None = None, *, cwd: Path | None = None, **overrides: object) -> Settings:
    """Return settings from the environment, with non-None overrides (from flags) taking precedence."""
    env = os.environ if env is None else env
    settings = Settings(
        database_url=env.get("CHAINATLAS_DATABASE_URL") or default_database_url(cwd or Path.cwd()),
        secret_key=env.get("CHAINATLAS_SECRET_KEY"),
        host=env.get("CHAINATLAS_HOST", "127.0.0.1"),
        port=int(env.get("CHAINATLAS_PORT", "8000")),
        max_upload_mb=int(_positive(env, "CHAINATLAS_MAX_UPLOAD_MB", "200", int)),
        job_timeout_seconds=_positive(env, "CHAINATLAS_JOB_TIMEOUT_SECONDS", "60", float),
        jobs_per_user=int(_positive(env, "CHAINATLAS_JOBS_PER_USER", "2", int)),
        cookie_secure=_cookie_secure(env.get("CHAINATLAS_COOKIE_SECURE", "auto")),
        token_days=_token_days(env.get("CHAINATLAS_TOKEN_DAYS", "90")),
        forwarded_allow_ips=env.get("CHAINATLAS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        time_zone=_time_zone(env.get("CHAINATLAS_TIME_ZONE", DEFAULT_TIME_ZONE)),
        alerts_at=_alerts_at(env.get("CHAINATLAS_ALERTS_AT", DEFAULT_ALERTS_AT)),
        executor=env.get("CHAINATLAS_EXECUTOR", DEFAULT_EXECUTOR),
        background_refresh=_on_off(env, "CHAINATLAS_BACKGROUND_REFRESH", DEFAULT_BACKGROUND_REFRESH),
        feeds_poll_seconds=_feeds_poll(env.get("CHAINATLAS_FEEDS_POLL_SECONDS", DEFAULT_FEEDS_POLL_SECONDS)),
    )
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]


DEFAULT_FEEDS_POLL_SECONDS = "60"
"""How often the server looks for due feeds unless CHAINATLAS_FEEDS_POLL_SECONDS says otherwise."""


def _feeds_poll(value: str) -> float | None:
    if value.strip().lower() == "off":
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= 86400:
        raise SettingError(f"CHAINATLAS_FEEDS_POLL_SECONDS must be 1 to 86400 seconds or off, not {value!r}")
    return seconds


def _positive(env: Mapping[str, str], name: str, default: str, kind: type[float] | type[int]) -> float:
    """Return a setting that must be a number above 0, else raise ValueError naming it."""
    text = env.get(name, default)
    try:
        value = kind(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise SettingError(f"{name} must be a {'whole ' if kind is int else ''}number above 0, not {text!r}")
    return value
