"""`chainatlas import-chainkg DIR`: load a ChainKnowledgeGraph (产业链知识图谱) slice with a coverage report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID
from rich.table import Table

from chainatlas.cli.output import EXIT_FAILURE, EXIT_INVALID, fail, out, print_json, progress, state
from chainatlas.services.chainkg import EXPECTED_FILES, ChainKgReport, run_chainkg_import
from chainatlas.services.context import Via


def import_chainkg(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Folder holding the slice's JSON Lines files.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Clean, match and report; write nothing.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Import a ChainKnowledgeGraph slice: merge companies, map products to chain nodes, add relations."""
    if not folder.is_dir():
        fail(f"{folder} is not a folder", EXIT_INVALID)
    cli = state(ctx)
    with cli.unit_of_work() as uow, progress() as bar:
        tasks: dict[str, TaskID] = {}

        def on_rows(label: str, n: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(f"reading {label}", total=None)
            bar.advance(tasks[label], n)

        report = run_chainkg_import(uow.session, folder, cli.context(Via.IMPORT), dry_run=dry_run, on_rows=on_rows)
        if report.found and report.kept and not dry_run:
            uow.commit()
    if not report.found:
        fail(f"{folder} holds none of {', '.join(EXPECTED_FILES)}; nothing was written", EXIT_INVALID)
    if json_out:
        print_json(report.as_dict())
    else:
        print_report(report)
    if not report.kept:
        raise typer.Exit(EXIT_FAILURE)


def print_report(report: ChainKgReport) -> None:
    """Print the coverage report: rows per file, drops by reason, what was matched, mapped and added."""
    title = "dry run: nothing written" if report.dry_run else "ChainKnowledgeGraph import"
    files = Table("file", "read", "kept", "repaired", "dropped", title=title)
    for name, counts in report.per_file().items():
        files.add_row(name, *(str(counts[k]) for k in ("read", "kept", "repaired", "dropped")))
    out.print(files)
    reasons = Counter((d.file, d.reason.split(":", 1)[0]) for d in report.ledger.dropped)
    if reasons:
        dropped = Table("file", "dropped because", "rows")
        for (file, reason), n in sorted(reasons.items()):
            dropped.add_row(file, reason, str(n))
        out.print(dropped)
    companies, products, relations = report.companies, report.products, report.relations
    lines = (
        f"companies: {companies['matched']} matched to enterprises ({companies['filled']} with empty fields filled), "
        f"{companies['created']} created outside the cluster",
        f"products: {products['mapped']} mapped to chain nodes ({products['enterprise_nodes_added']} new), "
        f"{products['as_text']} kept as text ({products['text_added']} new), {products['dropped']} dropped",
        f"relations: {relations['edges_kept']} upstream edges between mapped products, {relations['added']} new",
    )
    for line in lines:
        out.print(line, highlight=False)
    for name, why in report.ignored.items():
        out.print(f"not read: {name} ({why})", highlight=False)
