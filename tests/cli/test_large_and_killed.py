"""Big files stream through the import, and a killed import leaves the database as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from tests.conftest import Cli
from tests.factories import write_basic

from chainatlas.interchange.synth import write_synthetic
from chainatlas.store.engine import make_engine

pytestmark = pytest.mark.slow


def _counts(cli: Cli) -> dict[str, int]:
    counts: dict[str, int] = json.loads(cli("stats", "--json")[1])["counts"]
    return counts


def test_a_50_mb_file_imports_completely(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "big"
    write_synthetic(folder, enterprises=20_000, links=660_000, seed=11)
    size = (folder / "supply_links.csv").stat().st_size
    assert size >= 50 * 1024 * 1024, f"the links file is only {size / 2**20:.1f} MB"
    code, out, err = cli("import", str(folder), "--json")
    assert code == 0, err
    assert json.loads(out)["counts"]["supply_links"]["added"] == 660_000
    assert _counts(cli)["supply_links"] == 660_000


def _writing_started(db_url: str) -> bool:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        wal = Path(f"{url.database}-wal")
        return wal.exists() and wal.stat().st_size > 16 * 1024 * 1024
    engine = make_engine(db_url)
    with engine.connect() as connection:
        locks = connection.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE relation = 'supply_links'::regclass "
                "AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    engine.dispose()
    return bool(locks)


def test_sigkill_mid_import_leaves_the_database_as_it_was(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_basic(tmp_path / "basic")))[0] == 0
    before = _counts(cli)
    folder = tmp_path / "big"
    write_synthetic(folder, enterprises=20_000, links=400_000, seed=5)
    command = [sys.executable, "-m", "chainatlas", "--db", cli.db_url, "import", str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not _writing_started(cli.db_url):
        assert process.poll() is None, f"the import ended before it could be killed: {process.stderr.read()!r}"  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the import never started writing supply links"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert _counts(cli) == before
    history = json.loads(cli("history", "--json")[1])
    assert len(history["batches"]) == 1
    if make_url(cli.db_url).get_backend_name() == "sqlite":
        engine = make_engine(cli.db_url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        engine.dispose()
    assert cli("import", str(write_basic(tmp_path / "again")))[0] == 0  # still writable, nothing locked
