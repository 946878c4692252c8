"""`chainatlas resilience …`: single points of failure, TTR/TTS sweep, what-if scenarios, mitigations, and the
network folder format (export from the registry, import of the Willems 2008 chains)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table

from chainatlas.cli.cluster_option import ClusterOption, cluster_errors
from chainatlas.cli.lang import cli_lang
from chainatlas.cli.output import (
    EXIT_FAILURE,
    EXIT_INVALID,
    EXIT_USAGE,
    fail,
    out,
    print_json,
    problems_line,
    progress,
    say,
    state,
)
from chainatlas.domain.messages import message_text
from chainatlas.services.errors import InvalidInput
from chainatlas.services.resilience import (
    DEFAULT_HORIZON,
    MAX_HORIZON,
    MIN_HORIZON,
    RegistryNetwork,
    ScenarioInvalid,
    analyse_network,
)
from chainatlas.services.resilience_analysis import ranked_nodes, resilience_analysis
from chainatlas.services.resilience_executors import Executor, ExecutorUnavailable, executor_spec, sweep_executor
from chainatlas.services.resilience_files import (
    Analysis,
    Network,
    NetworkUnreadable,
    export_network,
    file_mitigations,
    network_folder,
    willems_network,
)

app = typer.Typer(
    help="Supply-chain resilience (供应链韧性): single points of failure, time to recover / survive, what-if.",
    no_args_is_help=True,
)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
NetworkOption = Annotated[
    Path | None, typer.Option("--network", help="A network folder (nodes.csv, bom.csv) instead of the registry.")
]
HorizonOption = Annotated[
    float,
    typer.Option("--horizon", min=MIN_HORIZON, max=MAX_HORIZON, help="Time to survive is capped at this many days."),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        min=1800,
        max=2100,
        help="Registry only (not with --network): links active that year (default: links that have not ended).",
    ),
]
ExecutorOption = Annotated[
    str | None,
    typer.Option(
        "--executor",
        help="Where the sweep's LPs run: local (a process pool on this machine), serial (in this process) or "
        "dask://HOST:PORT (a Dask scheduler's workers). Default: env CHAINATLAS_EXECUTOR, else local.",
    ),
]
Progress = Callable[[int, int], None]


@contextmanager
def _bar(label: str) -> Iterator[Progress]:
    with progress() as bar:
        task: list[TaskID] = []

        def advance(done: int, total: int) -> None:
            if not task:
                task.append(bar.add_task(label, total=total))
            bar.update(task[0], completed=done, total=total)

        yield advance


def _folder_network(folder: Path) -> Network:
    if not folder.is_dir():
        fail(f"--network {folder}: not a folder (it needs nodes.csv and bom.csv)", EXIT_INVALID)
    try:
        return network_folder(folder)
    except NetworkUnreadable as error:
        fail(f"--network {folder}: {error}", EXIT_INVALID)


def _problems(error: InvalidInput) -> str:
    """Return the problems as one line, escaped: a scenario as typed may hold Rich markup such as `[bold]`."""
    if isinstance(error, ScenarioInvalid):  # the option as typed, then what is wrong with it
        return escape(
            "; ".join(
                f"--scenario {e.text.strip()}: {say(p)}" for e, p in zip(error.errors, error.problems, strict=True)
            )
        )
    return escape(problems_line(error.problems))


def _executor_spec(ctx: typer.Context, executor: str | None) -> tuple[str, str]:
    """Return the executor spec (the option, else CHAINATLAS_EXECUTOR) and the parameter it came from; exit 2
    naming that parameter when it is not a spec."""
    text, field = (
        (executor, "--executor") if executor is not None else (state(ctx).settings.executor, "CHAINATLAS_EXECUTOR")
    )
    try:
        executor_spec(text, field=field)
    except InvalidInput as error:
        fail(_problems(error), EXIT_USAGE)
    return text, field


def _analysis(
    ctx: typer.Context,
    network_dir: Path | None,
    scenarios: list[str],
    horizon: float,
    year: int | None,
    executor: str | None,
    cluster: str | None = None,
) -> tuple[Network, Analysis, RegistryNetwork | None]:
    """Return the network, its analysis and, for the registry, the network with its sites marked in or out of the
    cluster (None for a --network folder)."""
    for option, given in (("--year", year), ("--cluster", cluster)):
        if network_dir is not None and given is not None:
            fail(escape(message_text("resilience.registry_only", {"option": option}, cli_lang())), EXIT_USAGE)
    spec, field = _executor_spec(ctx, executor)
    network = _folder_network(network_dir) if network_dir is not None else None
    try:
        with sweep_executor(spec, field=field) as runner:
            if network is not None:
                with _bar("analysing") as advance:
                    analysis = analyse_network(
                        network, scenarios=scenarios, horizon=horizon, progress=advance, executor=runner
                    )
                    return network, analysis, None
            return _registry_analysis(ctx, scenarios, horizon, year, runner, cluster)
    except ExecutorUnavailable as error:
        fail(escape(say(error)), EXIT_FAILURE)
    except InvalidInput as error:
        fail(_problems(error), EXIT_INVALID)


def _registry_analysis(
    ctx: typer.Context,
    scenarios: list[str],
    horizon: float,
    year: int | None,
    executor: Executor,
    cluster: str | None,
) -> tuple[Network, Analysis, RegistryNetwork]:
    cli = state(ctx)
    with cli.unit_of_work() as uow, cluster_errors(), _bar("analysing the registry") as advance:
        built, analysis = resilience_analysis(
            uow.session,
            cli.user(),
            year=year,
            scenarios=scenarios,
            horizon=horizon,
            progress=advance,
            executor=executor,
            cluster=cluster,
        )
        return built.network, analysis, built


def _with_cluster(data: dict[str, Any], built: RegistryNetwork | None) -> dict[str, Any]:
    """Return the engine's JSON (its node entries as the format documents them) with, for the registry, the
    cluster's id and the ids of the sites that are its members."""
    if built is None:
        return data
    inside = sorted(site.id for site in built.sites.values() if site.in_cluster and site.id in built.network.index)
    return {"cluster": built.cluster, "in_cluster": inside, **data}


@app.command("analyze")
def analyze(
    ctx: typer.Context,
    network_dir: NetworkOption = None,
    scenario: Annotated[
        list[str], typer.Option("--scenario", help="node:ID[,ID…], location:PREFIX or country:CC (repeatable).")
    ] = [],  # noqa: B006
    horizon: HorizonOption = DEFAULT_HORIZON,
    year: YearOption = None,
    executor: ExecutorOption = None,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Analyse every node (PI, REI, TTS, TTR, exposure, single point of failure) and the scenarios given; from the
    registry, each node also says whether it is in the cluster (--cluster; default the default cluster)."""
    _, analysis, built = _analysis(ctx, network_dir, scenario, horizon, year, executor, cluster)
    if json_out:
        print_json(_with_cluster(analysis.to_json(), built))
        return
    _print_nodes(analysis, built)
    _print_scenarios(analysis)


def _print_nodes(analysis: Analysis, built: RegistryNetwork | None, limit: int = 40) -> None:
    rows = ranked_nodes(analysis)
    table = Table(
        "node",
        *(("in cluster",) if built is not None else ()),
        "PI",
        "REI",
        "TTS (d)",
        "TTR (d)",
        "exposure (d)",
        "SPOF",
        title=f"{len(rows)} nodes, most exposed first" + (f" (first {limit})" if len(rows) > limit else ""),
    )
    for r in rows[:limit]:
        table.add_row(
            r.id,
            *((("yes" if built.in_cluster(r.id) else ""),) if built is not None else ()),
            f"{r.pi:,.0f}",
            f"{r.rei:.3f}",
            f"{r.tts_days:.1f}",
            f"{r.ttr_days:.1f}",
            f"{r.exposure_days:.1f}",
            "yes" if r.spof else "",
        )
    out.print(table)


def _print_scenarios(analysis: Analysis) -> None:
    if not analysis.scenarios:
        return
    table = Table("scenario", "disrupted", "failed", "TTR (d)", "TTS (d)", "PI", title="scenarios")
    for s in analysis.scenarios:
        table.add_row(
            s.name, str(len(s.nodes)), str(len(s.failed)), f"{s.ttr_days:.1f}", f"{s.tts_days:.1f}", f"{s.pi:,.0f}"
        )
    out.print(table)


@app.command("mitigations")
def mitigations_command(
    ctx: typer.Context,
    network_dir: NetworkOption = None,
    horizon: HorizonOption = DEFAULT_HORIZON,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=1,
            max=50,
            help="Look for fixes for this many most exposed nodes (exposure = TTR − TTS, ties by PI).",
        ),
    ] = 5,
    year: YearOption = None,
    executor: ExecutorOption = None,
    cluster: ClusterOption = None,
    json_out: JsonFlag = False,
) -> None:
    """List candidate fixes (another supplier, more inventory, a shorter TTR) for the most exposed nodes, ranked
    by how much PI they save."""
    network, analysis, built = _analysis(ctx, network_dir, [], horizon, year, executor, cluster)
    with progress() as bar:
        bar.add_task("scoring mitigations", total=None)
        found = file_mitigations(network, analysis, top=top)
    if json_out:
        print_json(_with_cluster({"mitigations": found}, built))
        return
    if not found:
        out.print("no mitigation lowers PI")
        return
    table = Table("#", "node", "fix", "ΔPI", "PI after", "what", title="mitigations, best first")
    for rank, m in enumerate(found, start=1):
        table.add_row(
            str(rank), m["node"], m["kind"], f"{m['delta_pi']:,.0f}", f"{m['pi_after']:,.0f}", m["description"]
        )
    out.print(table)


@app.command("export-network")
def export_network_command(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Argument(help="Folder to write nodes.csv and bom.csv into.")],
    year: YearOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Write the registry's supply network as a network folder (see docs/resilience-registry.md)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            network = export_network(uow.session, cli.user(), out_dir, year=year)
        except InvalidInput as error:
            fail(_problems(error), EXIT_INVALID)
    _say_network(out_dir, network, json_out)


def _say_network(folder: Path, network: Network, json_out: bool) -> None:
    summary = {"folder": str(folder), "nodes": network.size, "bom_lines": int(network.groups.nnz)}
    if json_out:
        print_json(summary)
    else:
        out.print(f"wrote {summary['nodes']} nodes and {summary['bom_lines']} BOM lines to {folder}", highlight=False)


@app.command("import-willems")
def import_willems(
    stages_csv: Annotated[Path, typer.Argument(help="A Willems (2008) chain's stages file.")],
    arcs_csv: Annotated[Path, typer.Argument(help="The same chain's arcs file.")],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the network (nodes.csv, bom.csv) into.")],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated (synthetic) parameters.")] = 0,
    json_out: JsonFlag = False,
) -> None:
    """Load a Willems chain as a network folder: real topology and demand, generated parameters marked synthetic."""
    for label, path in (("STAGES_CSV", stages_csv), ("ARCS_CSV", arcs_csv)):
        if not path.is_file():
            fail(f"{label} {path}: no such file", EXIT_INVALID)
    try:
        network = willems_network(stages_csv, arcs_csv, out_dir, seed)
    except NetworkUnreadable as error:
        fail(str(error), EXIT_INVALID)
    _say_network(out_dir, network, json_out)
