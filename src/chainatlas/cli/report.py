"""`chainatlas report briefing` (reports): the chain chief's briefing (产业链月报) as HTML, PDF, Word and Excel."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.output import EXIT_USAGE, fail, fail_error, print_json, progress, state
from chainatlas.domain.briefing import (
    BriefingError,
    BriefingParams,
    month_of,
    parse_formats,
    parse_period,
    parse_sections,
)
from chainatlas.domain.messages import message_text
from chainatlas.services.briefing import BriefingFailed, make_briefing
from chainatlas.services.errors import ServiceError

app = typer.Typer(help="Reports (报告): the chain chief's briefing.", no_args_is_help=True)
CHART_SCRIPTS = ("vendor/echarts.min.js", "escape.js", "scorecard.js", "gantt.js")
"""The pages' chart scripts, in load order: the briefing draws its charts with them."""
STEPS = ("data", "html", "pdf", "docx", "xlsx")


def chart_scripts() -> list[str]:
    """Return the texts of the pages' chart scripts (shipped with the web pages)."""
    static = files("chainatlas").joinpath("web", "static")
    return [static.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in CHART_SCRIPTS]


@app.command("briefing")
def briefing(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Folder to write briefing.<format> into.")],
    as_of: AsOfOption = None,
    lang: Annotated[str, typer.Option("--lang", help="zh (default) or en.")] = "zh",
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: html,pdf,docx,xlsx.")
    ] = "html,pdf,docx,xlsx",
    period: Annotated[
        str | None, typer.Option("--period", help="The month covered, YYYY-MM; default the as-of date's.")
    ] = None,
    audience: Annotated[str, typer.Option("--audience", help="viewer (disclosure rules hold) or analyst.")] = "viewer",
    sections: Annotated[
        str | None, typer.Option("--sections", help="Comma-separated sections (default all), e.g. headline,targets.")
    ] = None,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="The cluster's id; default the default cluster.")
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="A folder holding briefing.zh.toml / briefing.en.toml.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help='Print {"files": {...}, "figures": {...}}.')] = False,
) -> None:
    """Reports — write the chain chief's briefing (产业链月报) as of a date: headline figures, targets, key projects,
    chain gaps, resilience, alerts, news and fair results, as briefing.<format> files in --out."""
    day = as_of_date(ctx, as_of)
    if lang not in ("zh", "en"):
        raise typer.BadParameter(f"{lang!r}: zh or en", param_hint="--lang")
    if audience not in ("viewer", "analyst"):
        raise typer.BadParameter(f"{audience!r}: viewer or analyst", param_hint="--audience")
    try:
        wanted = parse_formats(formats)
        chosen = parse_sections(sections)
        month = period or month_of(day)
        parse_period(month)
    except BriefingError as error:
        fail(message_text(error.code, error.params, "en"), EXIT_USAGE)
    params = BriefingParams(as_of=day, period=month, lang=lang, audience=audience, sections=chosen, cluster=cluster)
    cli = state(ctx)
    out.mkdir(parents=True, exist_ok=True)
    with progress() as bar, cli.unit_of_work() as uow:
        task = bar.add_task("briefing", total=len(STEPS))
        try:
            made = make_briefing(
                uow.session,
                cli.user(),
                cli.context(),
                params=params,
                formats=wanted,
                scripts=chart_scripts(),
                template_dir=template,
                step=lambda name: bar.update(task, advance=1, description=name),
            )
        except BriefingFailed as error:
            fail_error(error)
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    written: dict[str, str] = {}
    for fmt, content in made.files.items():
        target = out / f"briefing.{fmt}"
        target.write_bytes(content)
        written[fmt] = str(target)
    if json_out:
        print_json({"files": written, "figures": made.figures, "checksums": made.checksums})
        return
    for fmt, shown in written.items():
        typer.echo(f"{fmt}: {shown} ({made.checksums[fmt][:12]})")
