"""Settings, read only by `app` and `cli`: environment `CHAINATLAS_*`, then flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB_FILE = Path("var") / "chainatlas.db"


@dataclass(frozen=True)
class Settings:
    """Everything the application needs to know about where it runs."""

    database_url: str
    secret_key: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_mb: int = 200


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
        max_upload_mb=int(env.get("CHAINATLAS_MAX_UPLOAD_MB", "200")),
    )
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
