"""`chainatlas news`: news and policy (情报). `news extract` links documents against the registry without storing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chainatlas.cli.lang import cli_lang
from chainatlas.cli.output import EXIT_USAGE, CliState, fail, fail_error, out, print_json, state
from chainatlas.config import load_settings
from chainatlas.domain.messages import message_text
from chainatlas.domain.news_results import Extraction
from chainatlas.services.errors import InvalidInput
from chainatlas.services.news_extract import extract_documents, parse_documents
from chainatlas.services.news_files import text_of_file

app = typer.Typer(help="News and policy (情报): extract, link and review.", no_args_is_help=True)


def _read(path: Path) -> str:
    """Return a file's text (UTF-8, a byte-order mark's encoding, or GB18030), or exit 2 naming the file."""
    try:
        return text_of_file(path)
    except InvalidInput as error:
        fail("\n".join(f"{p.field}: {p.text(cli_lang())}" for p in error.problems), EXIT_USAGE)
    except OSError as error:
        detail = getattr(error, "strerror", None) or str(error)
        fail(message_text("news.file_unreadable", {"path": str(path), "detail": detail}, cli_lang()), EXIT_USAGE)


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="JSON Lines file: one object per line with `id` and `text`.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the JSON list (default: a summary table).")] = False,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL of the registry to link against (default: the global --db)."),
    ] = None,
) -> None:
    """Print, for each document, the registry's enterprises, projects and organisations it names, with amounts,
    dates, people, topics and a disruption event; offsets index the original text. Nothing is stored."""
    shared = state(ctx)
    here = shared if db is None else CliState(settings=load_settings(database_url=db), actor=shared.actor)
    try:
        documents = parse_documents(_read(path))
    except InvalidInput as error:
        fail_error(error)
    with here.unit_of_work() as uow:
        found = extract_documents(uow.session, documents)
    if json_out:
        print_json([item.as_output() for item in found])
        return
    out.print(_table(found))


def _table(found: list[Extraction]) -> Table:
    """Return one row per document: the registry ids it names, counts of amounts and dates, topics, disruption."""
    table = Table("id", "enterprises", "projects", "amounts", "dates", "topics", "disruption")
    for item in found:
        table.add_row(
            item.id,
            " ".join(item.enterprises),
            " ".join(item.projects),
            str(len(item.amounts)),
            str(len(item.dates)),
            " ".join(item.topics),
            item.disruption.kind if item.disruption else "",
        )
    return table
