"""`chainatlas scorecard` (monitoring): every target's progress, required vs actual growth, projection and status."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.cluster_option import ClusterOption, cluster_errors
from chainatlas.cli.output import out, print_json, state
from chainatlas.domain.monitoring_results import TargetScore
from chainatlas.services.scorecard import scorecard_report

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.6g}"


def _projection(score: TargetScore) -> str:
    if score.projected_value is None:
        return "—"
    if score.projection_low is None or score.projection_high is None:
        return _num(score.projected_value)
    return f"{_num(score.projected_value)} [{_num(score.projection_low)}–{_num(score.projection_high)}]"


def _row(score: TargetScore) -> list[str]:
    unit = score.unit or ""
    latest = f"{_num(score.latest_value)} {unit} ({score.latest_period})" if score.latest_period else "—"
    status = score.status.value if score.status else "—"
    return [
        score.metric,
        score.scope,
        f"{_num(score.target_value)} {unit} ({score.target_period})".strip(),
        latest,
        _pct(score.progress),
        _pct(score.required_cagr),
        _pct(score.actual_cagr),
        _projection(score),
        status + (" *" if score.synthetic else ""),
    ]


def scorecard_command(
    ctx: typer.Context, as_of: AsOfOption = None, cluster: ClusterOption = None, json_out: JsonFlag = False
) -> None:
    """Monitoring — print the targets scorecard (目标考核): latest actual, progress, required vs actual growth, projection, status."""
    day = as_of_date(ctx, as_of)
    cli = state(ctx)
    with cli.unit_of_work() as uow, cluster_errors():
        report = scorecard_report(uow.session, cli.user(), as_of=day, cluster=cluster)
    scores = report.targets
    if json_out:
        print_json({"as_of": day.isoformat(), "cluster": report.cluster, "targets": [s.as_json() for s in scores]})
        return
    table = Table(
        "metric",
        "scope",
        "target",
        "latest",
        "progress",
        "required",
        "actual",
        "projected [80% interval]",
        "status",
        title=f"targets scorecard as of {day.isoformat()}",
        caption=f"cluster {report.cluster}",
    )
    for score in scores:
        table.add_row(*_row(score))
    out.print(table)
    for score in scores:
        for reason in score.reasons:
            out.print(f"{score.metric} {score.scope} {score.target_period}, {reason.field}: {reason.message}")
    if any(score.synthetic for score in scores):
        out.print("* synthetic: the target or some of its data are generated demo data")
