"""`chainatlas report briefing` (reports): the chain chief's briefing (产业链月报) as HTML, PDF, Word and Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.lang import cli_lang
from chainatlas.cli.output import EXIT_USAGE, fail, fail_error, print_json, progress, state
from chainatlas.domain.briefing import (
    SERIES,
    BriefingError,
    BriefingParams,
    month_of,
    parse_formats,
    parse_period,
    parse_sections,
)
from chainatlas.domain.messages import message_text
from chainatlas.services.briefing_issues import (
    BriefingFailed,
    make_briefing,
    mark_issued,
    set_editorial,
    stored_briefing,
)
from chainatlas.services.briefing_jobs import STEPS, chart_scripts
from chainatlas.services.errors import ServiceError

app = typer.Typer(help="Reports (报告): the chain chief's briefing.", no_args_is_help=True)
SeriesOption = Annotated[str, typer.Option("--series", help="The briefing series (default monthly).")]
PeriodArgument = Annotated[str, typer.Option("--period", help="The issue's month, YYYY-MM.")]


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
    series: Annotated[str, typer.Option("--series", help="The briefing series (default monthly).")] = SERIES,
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
        fail(message_text(error.code, error.params, cli_lang()), EXIT_USAGE)
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
                series=series,
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
        issue = made.issue.model_dump(mode="json")
        print_json({"files": written, "figures": made.figures, "checksums": made.checksums, "issue": issue})
        return
    for fmt, shown in written.items():
        typer.echo(f"{fmt}: {shown} ({made.checksums[fmt][:12]})")


def _checked_period(period: str) -> str:
    try:
        parse_period(period)
    except BriefingError as error:
        fail(message_text(error.code, error.params, "en"), EXIT_USAGE)
    return period


@app.command("note")
def note(
    ctx: typer.Context,
    period: PeriodArgument,
    section: Annotated[str, typer.Option("--section", help="The section the editorial text (按语) belongs to.")],
    text: Annotated[str, typer.Option("--text", help="The editorial text; empty removes it.")],
    series: SeriesOption = SERIES,
) -> None:
    """Reports — set a section's editorial text (按语) of a draft briefing (the draft is added if new)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            issue = set_editorial(
                uow.session,
                cli.user(),
                cli.context(),
                period=_checked_period(period),
                section=section,
                text=text,
                series=series,
            )
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    typer.echo(
        f"{issue.series} {issue.year} No. {issue.number} ({issue.period}): {issue.state}, {len(issue.editorials)} editorial text(s)"
    )


@app.command("issue")
def issue(ctx: typer.Context, period: PeriodArgument, series: SeriesOption = SERIES) -> None:
    """Reports — mark a draft briefing issued (administrators): it is frozen from then on."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            done = mark_issued(uow.session, cli.user(), cli.context(), period=_checked_period(period), series=series)
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    typer.echo(f"{done.series} {done.year} No. {done.number} ({done.period}): issued by {done.issued_by}")


@app.command("fetch")
def fetch(
    ctx: typer.Context,
    period: PeriodArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the stored briefing.<format> files into.")],
    lang: Annotated[str, typer.Option("--lang", help="zh or en.")] = "zh",
    audience: Annotated[str, typer.Option("--audience", help="viewer or analyst.")] = "viewer",
    series: SeriesOption = SERIES,
    json_out: Annotated[bool, typer.Option("--json", help='Print {"files": {...}, "checksums": {...}}.')] = False,
) -> None:
    """Reports — write a briefing's stored files again, exactly as they were made (last month's issue, unchanged)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            found = stored_briefing(
                uow.session, cli.user(), period=_checked_period(period), lang=lang, audience=audience, series=series
            )
        except ServiceError as error:
            fail_error(error)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt, content in found.files.items():
        target = out / f"briefing.{fmt}"
        target.write_bytes(content)
        written[fmt] = str(target)
    if json_out:
        print_json({"files": written, "checksums": found.checksums, "issue": found.issue.model_dump(mode="json")})
        return
    for fmt, shown in written.items():
        typer.echo(f"{fmt}: {shown} ({found.checksums[fmt][:12]})")
