"""Registry commands: init, demo, import, template, export, stats, synth (and what `history` shows without a subcommand)."""

from __future__ import annotations

import os
import time
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import TaskID
from rich.table import Table

from chainatlas.cli.output import EXIT_INVALID, fail, out, print_json, progress, state
from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.domain.messages import Lang
from chainatlas.services.browse import change_history, import_batches
from chainatlas.services.cluster_placeholder import drop_empty_placeholder
from chainatlas.services.context import Via
from chainatlas.services.errors import NotFound
from chainatlas.services.exports import EXPORT_FORMATS, MAX_CLUSTERS, export_registry, write_synthetic_registry
from chainatlas.services.import_uploads import import_template
from chainatlas.services.imports import ImportReport, run_import
from chainatlas.services.stats import registry_counts
from chainatlas.services.uow import current_revision

EXTRA_HISTORY_KINDS = ("users", "enterprise_products", "node_relations", "scenarios", "alerts")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def register(app: typer.Typer) -> None:
    """Add the registry commands to the root command."""
    for command in (init, demo, import_files, template, export, stats, synth):
        name = "import" if command is import_files else command.__name__
        app.command(name)(command)


def init(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Create or upgrade the database schema (safe to run again); the first run creates `admin`."""
    from chainatlas.cli.serve import announce_admin

    engine = state(ctx).engine()
    password = announce_admin(ctx, quiet=json_out)
    revision = current_revision(engine)
    url = engine.url.render_as_string(hide_password=True)
    if json_out:
        print_json({"database": url, "revision": revision, "admin_one_time_password": password})
    else:
        out.print(f"database {url} at schema revision {revision}", highlight=False)


def demo_dir() -> Path:
    """Return the folder of the shipped demo dataset."""
    return Path(str(files("chainatlas.demo") / "data"))


def demo(
    ctx: typer.Context,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the registry already has enterprises.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Load the Changsha construction-machinery demo dataset and its clusters (re-running it changes nothing).

    The demo brings its own default cluster, so the empty placeholder cluster of a fresh database goes.
    """
    cli = state(ctx)
    if if_empty:
        with cli.unit_of_work() as uow:
            if registry_counts(uow.session)["enterprises"]:
                _say(json_out, {"skipped": "the registry already has enterprises"})
                return
    _run_import(ctx, [demo_dir()], kind=None, dry_run=False, json_out=json_out)
    with cli.unit_of_work() as uow:
        if drop_empty_placeholder(uow.session, cli.context(Via.IMPORT)):
            uow.commit()


def import_files(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files (.csv, .xlsx, .json) or folders of them.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="The kind of every file (else each file's name, sheet names or headers tell it)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and report what would change; write nothing.")
    ] = False,
    json_out: JsonFlag = False,
) -> None:
    """Import interchange files: all rows are checked first; any problem writes nothing (exit 3)."""
    if kind is not None and kind not in KIND_BY_NAME:
        raise typer.BadParameter(f"unknown kind {kind!r}; use one of {', '.join(KIND_BY_NAME)}", param_hint="--kind")
    _run_import(ctx, paths, kind=kind, dry_run=dry_run, json_out=json_out)


def _run_import(ctx: typer.Context, paths: list[Path], *, kind: str | None, dry_run: bool, json_out: bool) -> None:
    cli = state(ctx)
    started = time.perf_counter()
    with cli.unit_of_work() as uow, progress() as bar:
        tasks: dict[str, TaskID] = {}

        def on_rows(label: str, n: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(f"checking {label}", total=None)
            bar.advance(tasks[label], n)

        report = run_import(uow.session, paths, cli.context(Via.IMPORT), kind=kind, dry_run=dry_run, on_rows=on_rows)
        if report.ok and not dry_run:
            uow.commit()
    _print_report(report, json_out, time.perf_counter() - started)
    if not report.ok:
        raise typer.Exit(EXIT_INVALID)


def _print_report(report: ImportReport, json_out: bool, seconds: float) -> None:
    if json_out:
        print_json({**report.as_dict(), "seconds": round(seconds, 3)})
        return
    if not report.ok:
        lang = cli_lang()
        said = f"发现 {len(report.problems)} 个问题，未写入任何数据。" if lang == "zh" else None
        out.print(f"[bold red]{said or f'{len(report.problems)} problem(s); nothing was written.'}[/]")
        for problem in report.problems:
            out.print(problem.as_text(lang), highlight=False, markup=False)
        if report.truncated:
            out.print("… more problems were found; fix these and run again.")
        return
    table = Table("kind", "added", "updated", "unchanged", title="dry run: nothing written" if report.dry_run else None)
    for kind, counts in report.counts.items():
        table.add_row(kind, str(counts.added), str(counts.updated), str(counts.unchanged))
    out.print(table)
    for warning in report.warnings:  # written, but looks wrong (issue 17: a point outside its district)
        out.print(warning.as_text(cli_lang()), style="yellow", highlight=False, markup=False)
    if report.batch_id is not None:
        out.print(f"import batch {report.batch_id} recorded in {seconds:.1f} s", highlight=False)
    elif not report.dry_run:
        out.print("nothing changed: every record is already in the registry as given", highlight=False)


def cli_lang() -> Lang:
    """Return the language of messages: Chinese when LANG (or LC_ALL) starts with zh, else English."""
    chosen = os.environ.get("LC_ALL") or os.environ.get("LANG", "")
    return "zh" if chosen.lower().startswith("zh") else "en"


def template(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="The kind (enterprises, supply_links, …).")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="The XLSX file to write (default: the template's own name).")
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Write a kind's import template: XLSX with Chinese and English headers, an example row, drop-down lists."""
    try:
        made = import_template(state(ctx).user(), kind)
    except NotFound as error:
        raise typer.BadParameter(error.text(cli_lang()), param_hint="KIND") from error
    path = out_file or Path(made.filename)
    path.write_bytes(made.content)
    _say(json_out, {"kind": kind, "file": str(path), "bytes": len(made.content)})


def _say(json_out: bool, data: dict[str, object]) -> None:
    if json_out:
        print_json(data)
    else:
        for key, value in data.items():
            out.print(f"{key}: {value}", highlight=False)


def export(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Argument(help="Folder to write one file per kind into.")],
    fmt: Annotated[str, typer.Option("--format", help="csv (UTF-8 with BOM), xlsx or json.")] = "csv",
    json_out: JsonFlag = False,
) -> None:
    """Export the registry as interchange files (rows sorted by key)."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    with state(ctx).unit_of_work() as uow, progress() as bar:
        task = bar.add_task("exporting", total=len(KIND_BY_NAME))
        written = export_registry(
            uow.session, state(ctx).user(), out_dir, fmt=fmt, on_kind=lambda _k, _n: bar.advance(task)
        )
    _say(json_out, {"folder": str(out_dir), "files": written} if json_out else dict(written))


def stats(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Print how many records of each kind the registry holds."""
    with state(ctx).unit_of_work() as uow:
        counts = registry_counts(uow.session)
    if json_out:
        print_json({"counts": counts})
        return
    table = Table("kind", "records")
    for kind, n in counts.items():
        table.add_row(kind, f"{n:,}")
    out.print(table)


def synth(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the interchange CSV files into.")],
    enterprises: Annotated[int, typer.Option("--enterprises", min=2, help="Number of enterprises.")] = 1000,
    links: Annotated[int, typer.Option("--links", min=0, help="Number of supply links.")] = 10000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed writes the same files.")] = 1,
    clusters: Annotated[
        int,
        typer.Option(
            "--clusters",
            min=0,
            max=MAX_CLUSTERS,
            help="Also write this many clusters (a city or a province each, a chain segment or system as subtree); "
            "half the enterprises are spread over their places.",
        ),
    ] = 0,
    json_out: JsonFlag = False,
) -> None:
    """Write a deterministic synthetic registry of any size (every record marked synthetic)."""
    started = time.perf_counter()
    try:
        with progress() as bar:
            task = bar.add_task("writing supply links", total=links)
            summary = write_synthetic_registry(
                out_dir,
                enterprises=enterprises,
                links=links,
                seed=seed,
                on_progress=lambda n: bar.advance(task, n),
                clusters=clusters,
            )
    except ValueError as error:
        fail(str(error), EXIT_INVALID)
    seconds = round(time.perf_counter() - started, 3)
    _say(json_out, {"folder": str(out_dir), "files": summary.files, "seconds": seconds})


def batch_counts(counts: dict[str, Any]) -> str:
    """Return a batch's counts in one line, whatever made it: an import (`kind +added ~updated`) or another
    batch such as an alert evaluation (`alerts as_of=… raised=1 …`)."""
    parts = []
    for name, value in counts.items():
        if isinstance(value, dict) and {"added", "updated"} <= value.keys():
            if value["added"] or value["updated"]:
                parts.append(f"{name} +{value['added']} ~{value['updated']}")
        elif isinstance(value, dict):
            parts.append(f"{name} " + " ".join(f"{k}={v}" for k, v in value.items()))
        else:
            parts.append(f"{name}={value}")
    return ", ".join(parts)


def show_newest(ctx: typer.Context, *, kind: str | None, limit: int, json_out: bool) -> None:
    """Show the newest entries of the change history and the import batches (`chainatlas history`)."""
    if kind is not None and kind not in {*KIND_BY_NAME, *EXTRA_HISTORY_KINDS}:
        known = ", ".join([*KIND_BY_NAME, *EXTRA_HISTORY_KINDS])
        raise typer.BadParameter(f"unknown kind {kind!r}; use one of {known}", param_hint="--kind")
    with state(ctx).unit_of_work() as uow:
        changes = change_history(uow.session, state(ctx).user(), kind=kind, limit=limit)
        batches = import_batches(uow.session, state(ctx).user(), limit=limit)
    if json_out:
        print_json({"changes": [vars(c) for c in changes], "batches": [vars(b) for b in batches]})
        return
    table = Table("at", "actor", "via", "action", "kind", "key")
    for c in changes:
        table.add_row(c.at.isoformat(timespec="seconds"), c.actor, c.via, c.action, c.kind, c.record_key)
    out.print(table)
    batch_table = Table("batch", "at", "actor", "via", "files", "counts")
    for b in batches:
        counts = batch_counts(b.counts)
        batch_table.add_row(str(b.id), b.at.isoformat(timespec="seconds"), b.actor, b.via, str(len(b.files)), counts)
    out.print(batch_table)
