"""`chainatlas clusters …`: the clusters (产业集群) with their member counts, and all of them side by side."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.output import out, print_json, state
from chainatlas.domain.chain_results import FLOAT_MONEY
from chainatlas.domain.cluster_results import ClusterFigures
from chainatlas.services.cluster_compare import cluster_list, compare_clusters

app = typer.Typer(help="Clusters (产业集群): list them, compare them side by side.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Links active that year (default: each cluster's latest year).")
]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


@app.command("list")
def list_clusters(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Print the clusters you may see, the default first, with their member counts."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        result = cluster_list(uow.session, cli.user())
    if json_out:
        print_json(result.model_dump(mode="json"))
        return
    table = Table("id", "name", "region", "chain subtree", "members", "default", title="clusters")
    for c in result.clusters:
        name = c.name_zh + (f" / {c.name_en}" if c.name_en else "")
        table.add_row(c.id, name, ";".join(c.region) or "—", c.root_code or "—", str(c.members), "*" * c.is_default)
    out.print(table)


def _row(row: ClusterFigures) -> list[str]:
    spof = "—" if row.single_points_of_failure is None else str(row.single_points_of_failure)
    purchases = "—" if row.purchases is None else f"{row.purchases / 10_000:,.0f}"
    return [
        row.cluster.id,
        str(row.cluster.members),
        f"{row.output / 10_000:,.0f}",
        purchases,
        _pct(row.local_rate_value),
        _pct(row.local_rate_count),
        _pct(row.key_technology_foreign_share),
        spof,
        f"{row.targets_on_track}/{row.targets_at_risk}/{row.targets_total}",
    ]


@app.command("compare")
def compare(ctx: typer.Context, year: YearOption = None, as_of: AsOfOption = None, json_out: JsonFlag = False) -> None:
    """Print every cluster side by side: members, output, local supporting rate, key-technology foreign share,
    single points of failure, targets on track / at risk / total."""
    cli = state(ctx)
    day = as_of_date(ctx, as_of)
    with cli.unit_of_work() as uow:
        result = compare_clusters(uow.session, cli.user(), as_of=day, year=year)
    if json_out:
        print_json(result.model_dump(mode="json", context=FLOAT_MONEY))
        return
    headers = ["cluster", "members", "output (万元)", "purchases (万元)", "local by value", "local by count"]
    headers += ["key-tech foreign", "SPOF", "targets on track/at risk/total"]
    table = Table(*headers, title=f"clusters compared, targets as of {result.as_of}")
    for row in result.clusters:
        table.add_row(*_row(row))
    out.print(table)
