"""The CLI and heavy work (issue 11, point 6): a year in which no link is active is refused; no time limit."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli
from tests.factories import write_csv
from tests.resilience_cases import tiny_registry

from chainatlas.services.jobs import HEAVY_JOBS, JobLimits


def test_a_year_without_active_links_exits_3_and_the_cli_has_no_time_limit(cli: Cli, tmp_path: Path) -> None:
    folder = tiny_registry(tmp_path / "in")
    link = {"supplier_id": "S", "customer_id": "A", "node_code": "M", "since": "2015", "until": "2020"}
    write_csv(folder / "supply_links.csv", "supply_links", [{**link, "source": "synthetic"}])
    assert cli("import", str(folder))[0] == 0
    for command in ("analyze", "mitigations"):
        code, out, err = cli("resilience", command, "--year", "1800")
        assert code == 3 and not out, err
        assert "no supply link is active in 1800 (the links run from 2015 to 2020)" in " ".join(err.split())
    HEAVY_JOBS.configure(JobLimits(timeout_seconds=1e-6))  # as a web app in this process would leave it
    code, out, err = cli("resilience", "analyze", "--year", "2016", "--json")
    assert code == 0, err
    assert HEAVY_JOBS.limits is None  # the command line runs heavy work at once, unbounded
