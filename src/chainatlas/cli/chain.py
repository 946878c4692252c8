"""`chainatlas chain …`: chain metrics, gaps, attraction targets and what-if, with full access."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from chainatlas.cli.cluster_option import CLUSTER_CODES, ClusterOption, cluster_errors
from chainatlas.cli.output import (
    fail_error,
    out,
    print_json,
    state,
)
from chainatlas.domain.chain_results import FLOAT_MONEY, ChainMetric
from chainatlas.services.chain import chain_gaps, chain_metrics, chain_targets, what_if
from chainatlas.services.errors import InvalidInput, NotFound

app = typer.Typer(help="Chain analytics (补链强链招商): metrics, gaps, whom to attract, what if.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Links active that year (default: the latest year they mention).")
]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _print_model(result: BaseModel, **options: Any) -> None:
    """Print a result as the `--json` of old: money as JSON numbers, each change with the keys it was given."""
    print_json(result.model_dump(mode="json", context=FLOAT_MONEY, **options))


@app.command("metrics")
def metrics(
    ctx: typer.Context,
    year: YearOption = None,
    min_makers: Annotated[
        int, typer.Option("--min-makers", min=1, help="Covered: at least this many in-cluster makers.")
    ] = 1,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Print every chain node's metrics (coverage, local supporting rate by value and count, HHI, foreign share, …)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow, cluster_errors():
        result = chain_metrics(uow.session, cli.user(), year=year, min_makers=min_makers, cluster=cluster)
    if json_out:
        _print_model(result)
        return
    table = Table(
        "code",
        "in cluster",
        "purchases (万元)",
        "local by value",
        "local by count",
        "HHI",
        "foreign",
        "single-source",
        title=f"chain metrics, {result.year}",
    )
    for row in result.nodes:
        table.add_row(
            row.code,
            str(row.enterprises_in_cluster),
            "—" if row.purchases is None else f"{row.purchases / 10_000:,.0f}",
            _pct(row.local_rate_value),
            _pct(row.local_rate_count),
            "—" if row.hhi is None else f"{row.hhi:.2f}",
            _pct(row.foreign_share),
            str(row.single_source_links),
        )
    out.print(table)


@app.command("gaps")
def gaps(
    ctx: typer.Context,
    year: YearOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 30,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Print the gap ranking: gap × feasibility × strategic value, with the reason for each node."""
    cli = state(ctx)
    with cli.unit_of_work() as uow, cluster_errors():
        report = chain_gaps(uow.session, cli.user(), year=year, cluster=cluster)
    shown = report.model_copy(update={"gaps": report.gaps[:limit]})
    if json_out:
        _print_model(shown, exclude={"total"})
        return
    table = Table(
        "code", "score", "gap (万元)", "feasibility", "strategic", "quadrant", "reason", title=f"gaps, {report.year}"
    )
    for r in shown.gaps:
        table.add_row(
            r.code,
            f"{r.score / 1e4:,.0f}",
            f"{r.gap / 10_000:,.0f}",
            f"{r.feasibility:.2f}",
            f"{r.strategic_value:.2f}",
            r.quadrant,
            r.reason_en,
        )
    out.print(table)


@app.command("targets")
def targets(
    ctx: typer.Context,
    node: Annotated[str, typer.Argument(help="Chain node code.")],
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Print the enterprises outside the cluster most worth attracting for a node, with reasons."""
    cli = state(ctx)
    with cli.unit_of_work() as uow, cluster_errors():
        try:
            found = chain_targets(uow.session, cli.user(), code=node, limit=limit, cluster=cluster)
        except NotFound as error:
            if error.code in CLUSTER_CODES:
                raise
            fail_error(error)
    if json_out:
        _print_model(found)
        return
    table = Table("enterprise", "name", "score", "reasons", title=f"whom to attract for {node}")
    for r in found.targets:
        table.add_row(r.firm_id, r.name, f"{r.score:.2f}", "; ".join(r.reasons.values()))
    out.print(table)


def _parse_changes(attract: list[str], add_supplier: list[str]) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    for item in attract:
        firm, _, district = item.partition("@")
        changes.append({"action": "attract", "firm": firm, "district": district or None})
    for item in add_supplier:
        parts = item.split(":")
        if len(parts) not in (3, 4):
            raise typer.BadParameter(f"{item!r}: use FIRM:NODE:CUSTOMER[:VALUE_YUAN]", param_hint="--add-supplier")
        try:
            value = float(parts[3]) if len(parts) == 4 else 0.0
        except ValueError as error:
            raise typer.BadParameter(
                f"{item!r}: the value must be a number of yuan", param_hint="--add-supplier"
            ) from error
        changes.append(
            {"action": "add_supplier", "firm": parts[0], "node": parts[1], "customer": parts[2], "value": value}
        )
    if not changes:
        raise typer.BadParameter("give at least one --attract or --add-supplier")
    return changes


@app.command("whatif")
def whatif(
    ctx: typer.Context,
    attract: Annotated[
        list[str], typer.Option("--attract", help="FIRM[@DISTRICT]: move an enterprise into the cluster.")
    ] = [],  # noqa: B006
    add_supplier: Annotated[
        list[str], typer.Option("--add-supplier", help="FIRM:NODE:CUSTOMER[:VALUE_YUAN]: add a supply link.")
    ] = [],  # noqa: B006
    year: YearOption = None,
    save: Annotated[
        str | None, typer.Option("--save", help="Save the scenario under this name (the registry is never changed).")
    ] = None,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Recompute every metric of a cluster with the changes on a copy of the registry and print what changed."""
    cli = state(ctx)
    changes = _parse_changes(attract, add_supplier)
    with cli.unit_of_work() as uow, cluster_errors():
        try:
            result = what_if(
                uow.session, cli.user(), cli.context(), changes=changes, year=year, save_as=save, cluster=cluster
            )
        except InvalidInput as error:
            fail_error(error)
        if save:
            uow.commit()
    if json_out:
        _print_model(result, exclude_unset=True)
        return
    table = Table("node", "metric", "before", "after", title=f"what if, {result.year}")
    for node in result.differences:
        for metric, pair in node.changes.items():
            table.add_row(node.code, ChainMetric(metric).value, _plain(pair.before), _plain(pair.after))
    out.print(table)
    if result.saved_id:
        out.print(f"saved as scenario {result.saved_id}")


def _plain(value: object) -> str:
    """Return a value as the table shows it (money as the float it was)."""
    return str(float(value)) if isinstance(value, Decimal) else str(value)
