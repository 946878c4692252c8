"""Sign-in limits under a guessing run: 450 wrong passwords in a row, as fast as one client can send them.

Two runs on a fresh SQLite database through the real app (in process): one account guessed 450 times, and 450
different account names guessed once each from one address (a password spray). Counts the argon2 hashes the
sign-in code computed (every refused attempt should cost none) and the answers. Before the limits every attempt
cost one hash (450 of 450) and none was refused.

Run: .venv/bin/python bench/sign_in_limits.py [--attempts N]. Prints hashes per attempt last (before: 1.000).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services import users as users_service
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import add_user

PASSWORD = "bench-password-1"  # noqa: S105  (a throw-away account in a temporary database)


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting hashes."""

    hashes = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        CountingHasher.hashes += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        CountingHasher.hashes += 1
        return super().verify(hash, password)


def guess(client: TestClient, names: list[str]) -> tuple[collections.Counter[int], int, float]:
    """Send one wrong password per name; return the answers by status, the hashes spent and the seconds taken."""
    CountingHasher.hashes, answers, started = 0, collections.Counter[int](), time.perf_counter()
    for name in names:
        answers[client.post("/api/v1/session", json={"username": name, "password": "wrong-guess"}).status_code] += 1
    return answers, CountingHasher.hashes, time.perf_counter() - started


def main() -> None:
    """Run both guessing patterns and print what they cost."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--attempts", type=int, default=450)
    attempts = parser.parse_args().attempts
    users_service._HASHER = CountingHasher()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app(load_settings({}, database_url=url), var_dir=Path(folder) / "var")
        with Session(app.state.engine) as session:
            ctx = WriteContext(actor="bench", via=Via.CLI, at=dt.datetime.now(dt.UTC))
            add_user(session, ctx, username="target", role=Role.ANALYST, password=PASSWORD)
            session.commit()
        with TestClient(app) as client:
            one = guess(client, ["target"] * attempts)
        app.state.engine.dispose()
        app = create_app(
            load_settings({}, database_url=url.replace("bench.db", "bench2.db")), var_dir=Path(folder) / "var"
        )
        with TestClient(app) as client:
            spray = guess(client, [f"user{i}" for i in range(attempts)])
        app.state.engine.dispose()
    print(f"load: {os.getloadavg()[0]:.2f} (1-min average)")
    for label, (answers, hashes, seconds) in (("one account", one), ("spray from one address", spray)):
        print(
            f"{label}: {attempts} attempts in {seconds:.1f} s, answers {dict(sorted(answers.items()))}, {hashes} argon2 hashes"
        )
    print(f"hashes per attempt: one account {one[1] / attempts:.3f}, spray {spray[1] / attempts:.3f} (before: 1.000)")


if __name__ == "__main__":
    main()
