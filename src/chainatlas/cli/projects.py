"""`chainatlas projects status` (monitoring): key projects (重点项目) as of a date — investment, 达产率, slip, status."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.table import Table

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.cluster_option import ClusterOption, cluster_errors
from chainatlas.cli.output import (
    EXIT_USAGE,
    CliState,
    fail,
    fail_error,
    out,
    print_json,
    say,
    state,
)
from chainatlas.domain.alert import ProjectRules
from chainatlas.domain.monitoring_results import PortfolioReport, ProjectStatusRow
from chainatlas.services.alerts import threshold_problems
from chainatlas.services.errors import NotFound
from chainatlas.services.projects import portfolio_report, portfolio_summary, project_status

app = typer.Typer(help="Monitoring — key projects (重点项目达产达效): status as of a date.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


M = TypeVar("M", bound=BaseModel)
OPTIONS = {
    "slipping_after_days": "--slipping-after",
    "late_after_days": "--late-after",
    "ramp_months": "--ramp-months",
    "milestone_late_days": "--milestone-late-days",
    "milestone_critical_days": "--milestone-critical-days",
    "capacity_gap": "--capacity-gap",
    "drop_share": "--drop-share",
    "stale_months": "--stale-months",
}
"""The option of each threshold, to name it in an error."""


def thresholds(model: type[M], **values: object) -> M:
    """Return thresholds from the options; contradictory ones (e.g. slipping after > late after) exit 2 naming both."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        message = "; ".join(f"{p.field}: {say(p)}" for p in threshold_problems(error))
        for name, option in OPTIONS.items():
            message = message.replace(name, option)
        fail(message, EXIT_USAGE)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


@app.command("status")
def status(
    ctx: typer.Context,
    project_id: Annotated[str | None, typer.Argument(help="One project's id; default every project.")] = None,
    as_of: AsOfOption = None,
    slipping_after: Annotated[
        int, typer.Option("--slipping-after", min=0, help="Slip beyond this many days: slipping.")
    ] = 14,
    late_after: Annotated[int, typer.Option("--late-after", min=0, help="Slip beyond this many days: late.")] = 90,
    ramp_months: Annotated[
        int, typer.Option("--ramp-months", min=1, help="Months from planned finish to full capacity.")
    ] = 12,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Print each project's investment completion, capacity reached (达产率), slip in days and status (every
    project of the cluster: owned by one of its members; projects without an owner: the default cluster)."""
    rules = thresholds(
        ProjectRules, slipping_after_days=slipping_after, late_after_days=late_after, ramp_months=ramp_months
    )
    day = as_of_date(ctx, as_of)
    with cluster_errors():
        summary = _summary(state(ctx), project_id, day, rules, cluster)
    if json_out:
        print_json({**summary.model_dump(mode="json"), "as_of": day.isoformat()})
        return
    out.print(_status_table(summary.projects, day))


def _summary(
    cli: CliState, project_id: str | None, day: dt.date, rules: ProjectRules, cluster: str | None
) -> PortfolioReport:
    """Return a cluster's projects with their statuses, or the one asked for (an unknown id exits 3)."""
    with cli.unit_of_work() as uow:
        if project_id is None:
            return portfolio_report(uow.session, cli.user(), as_of=day, rules=rules, cluster=cluster)
        try:
            found = project_status(uow.session, cli.user(), project_id=project_id, as_of=day, rules=rules)
        except NotFound as error:
            fail_error(error)
        return portfolio_summary([found])


def _status_table(rows: list[ProjectStatusRow], day: dt.date) -> Table:
    """Return the projects as a table: investment completion, 达产率, slip, status and whether sourced."""
    table = Table(
        "id",
        "name",
        "investment",
        "达产率 capacity",
        "slip (days)",
        "status",
        "source",
        title=f"key projects as of {day}",
    )
    for row in rows:
        table.add_row(
            row.id,
            row.name_zh,
            _pct(row.investment_completion),
            _pct(row.capacity_reached_share),
            "—" if row.slip_days is None else str(row.slip_days),
            row.status,
            "synthetic" if row.synthetic else "sourced",
        )
    return table
