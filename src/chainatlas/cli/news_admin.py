"""`chainatlas news ingest|list|review|feeds|feed-add|fetch` (情报): store documents from files, list articles,
decide on proposed organisation names, and keep the feeds. `add_commands` adds them to the `news` group."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import httpx
import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from chainatlas.cli.as_of import AsOfOption, as_of_date, day_option
from chainatlas.cli.lang import cli_lang
from chainatlas.cli.output import CliState, fail_error, out, print_json, progress, state
from chainatlas.domain.article import AcceptAs, ArticleFilter, FeedCreate, IngestOutcome, IngestReport, Proposal
from chainatlas.domain.messages import message_text
from chainatlas.domain.organisation import OrganisationType
from chainatlas.services.errors import ServiceError
from chainatlas.services.news import ingest_documents, list_articles
from chainatlas.services.news_feeds import FetchResult, add_feed, due_feeds, fetch_feed, list_feeds
from chainatlas.services.news_files import documents_from_paths
from chainatlas.services.news_review import accept_proposal, list_proposals, merge_proposal, reject_proposal

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def _summary(report: IngestReport) -> str:
    params = {
        "added": report.count(IngestOutcome.ADDED),
        "unchanged": report.count(IngestOutcome.UNCHANGED),
        "proposed": len(report.proposed),
        "alerts": sum(len(i.alerts) for i in report.items),
    }
    return message_text("news.ingested", params, cli_lang())


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .xml/.rss/.atom, .jsonl) or folders.")],
    as_of: AsOfOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Store the documents not stored yet (the same text again changes nothing), linked to the registry; exit 3
    naming every unreadable file or line, with nothing stored."""
    cli, today = state(ctx), as_of_date(ctx, as_of)
    try:
        documents = documents_from_paths(paths, retrieved=today)
    except ServiceError as error:
        fail_error(error)
    with cli.unit_of_work() as uow, progress() as bar:
        task = bar.add_task("ingest", total=len(documents))
        try:
            report = ingest_documents(
                uow.session,
                cli.user(),
                cli.context(),
                documents,
                today=today,
                progress=lambda done, _total: bar.update(task, completed=done),
            )
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    if json_out:
        print_json(report.model_dump(mode="json"))
        return
    out.print(escape(_summary(report)))


def list_command(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option("--topic", help="Only articles of this topic.")] = None,
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="Only articles naming this enterprise id.")
    ] = None,
    project: Annotated[str | None, typer.Option("--project", help="Only articles naming this project id.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Day from (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Day to (YYYY-MM-DD).")] = None,
    disruption: Annotated[
        bool | None, typer.Option("--disruption/--no-disruption", help="Only articles with (or without) a disruption.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200, help="At most this many articles.")] = 50,
    after: Annotated[str | None, typer.Option("--after", help="The `next` cursor of the previous page.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """List articles, newest first, with their topics, disruption and linked enterprises."""
    cli = state(ctx)
    filters = ArticleFilter(
        topic=topic,
        enterprise=enterprise,
        project=project,
        date_from=day_option(date_from, "--from"),
        date_to=day_option(date_to, "--to"),
        disruption=disruption,
    )
    with cli.unit_of_work() as uow:
        try:
            page = list_articles(uow.session, cli.user(), filters=filters, after=after, limit=limit)
        except ServiceError as error:
            fail_error(error)
    if json_out:
        print_json(page.model_dump(mode="json"))
        return
    table = Table("id", "day", "title", "topics", "disruption", "enterprises", "copies", title="articles")
    for a in page.items:
        table.add_row(
            str(a.id),
            a.day.isoformat(),
            escape(a.title or ""),
            ", ".join(a.topics),
            a.disruption or "",
            ", ".join(a.enterprises),
            str(a.copies),
        )
    out.print(table)
    if page.next:
        out.print(f"--after {page.next}")


@dataclass(frozen=True)
class Decision:
    """What `news review` was asked to decide (at most one of accept, merge, reject)."""

    accept: int | None = None
    as_kind: AcceptAs | None = None
    record_id: str | None = None
    organisation_type: OrganisationType = OrganisationType.OTHER
    merge: int | None = None
    into: str | None = None
    reject: int | None = None

    def check(self) -> None:
        """Exit 2 unless the options make one whole decision."""
        if sum(x is not None for x in (self.accept, self.merge, self.reject)) > 1:
            raise typer.BadParameter(message_text("news.review_one", {}, cli_lang()), param_hint="--accept")
        if self.accept is not None and (self.as_kind is None or not self.record_id):
            raise typer.BadParameter(message_text("news.accept_needs", {}, cli_lang()), param_hint="--accept")
        if self.merge is not None and not self.into:
            raise typer.BadParameter(message_text("news.merge_needs", {}, cli_lang()), param_hint="--merge")


def _apply(session: Session, cli: CliState, decision: Decision) -> Proposal | None:
    user, context = cli.user(), cli.context()
    if decision.accept is not None and decision.as_kind is not None and decision.record_id:
        return accept_proposal(
            session,
            user,
            context,
            proposal_id=decision.accept,
            as_kind=decision.as_kind,
            record_id=decision.record_id,
            organisation_type=decision.organisation_type,
        )
    if decision.merge is not None and decision.into:
        return merge_proposal(session, user, context, proposal_id=decision.merge, target=decision.into)
    if decision.reject is not None:
        return reject_proposal(session, user, context, proposal_id=decision.reject)
    return None


def review(
    ctx: typer.Context,
    state_name: Annotated[str, typer.Option("--state", help="pending, accepted, merged, rejected or all.")] = "pending",
    accept: Annotated[int | None, typer.Option("--accept", help="Accept this proposal (with --as and --id).")] = None,
    as_kind: Annotated[AcceptAs | None, typer.Option("--as", help="enterprise or organisation.")] = None,
    record_id: Annotated[str | None, typer.Option("--id", help="The new record's id.")] = None,
    organisation_type: Annotated[
        OrganisationType, typer.Option("--type", help="The new organisation's type.")
    ] = OrganisationType.OTHER,
    merge: Annotated[int | None, typer.Option("--merge", help="Merge this proposal as an alias (with --into).")] = None,
    into: Annotated[str | None, typer.Option("--into", help="enterprises/<id> or organisations/<id>.")] = None,
    reject: Annotated[int | None, typer.Option("--reject", help="Reject this proposal.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """List the organisation names proposed for review, or decide on one (recorded in the change history)."""
    decision = Decision(accept, as_kind, record_id, organisation_type, merge, into, reject)
    decision.check()
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            decided = _apply(uow.session, cli, decision)
            found = list_proposals(uow.session, cli.user(), state=state_name)
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    if json_out:
        print_json(
            {
                "decided": decided.model_dump(mode="json") if decided else None,
                "proposals": [p.model_dump(mode="json") for p in found],
            }
        )
        return
    if decided is not None:
        out.print(escape(f"{decided.id} {decided.name}: {decided.state.value} {decided.decision or ''}"))
    table = Table("id", "name", "seen", "state", "first article", title=f"proposed names ({state_name})")
    for p in found:
        table.add_row(str(p.id), escape(p.name), str(p.times_seen), p.state.value, str(p.first_article_id or ""))
    out.print(table)


def feeds(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """List the feeds with their schedules and last fetch."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        found = list_feeds(uow.session, cli.user())
    if json_out:
        print_json([f.model_dump(mode="json") for f in found])
        return
    table = Table("id", "url", "every (min)", "next due", "last fetch", "status", title="feeds")
    for f in found:
        last = f.last_fetched_at.isoformat(timespec="seconds") if f.last_fetched_at else ""
        table.add_row(
            str(f.id),
            escape(f.url),
            str(f.every_minutes),
            f.next_due_at.isoformat(timespec="seconds"),
            last,
            escape(f.last_status or ""),
        )
    out.print(table)


def feed_add(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The RSS or Atom address (http or https).")],
    every: Annotated[int, typer.Option("--every", help="Fetch every this many minutes (5 to 10080).")] = 60,
    name: Annotated[str | None, typer.Option("--name", help="A name to show.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """Add a feed, fetched by the server every --every minutes (first at once)."""
    cli = state(ctx)
    try:
        feed = FeedCreate(url=url, name=name, every_minutes=every)
    except ValidationError as error:
        raise typer.BadParameter(error.errors()[0]["msg"], param_hint="URL / --every") from error
    with cli.unit_of_work() as uow:
        try:
            added = add_feed(uow.session, cli.user(), cli.context(), feed)
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    if json_out:
        print_json(added.model_dump(mode="json"))
        return
    out.print(escape(f"feed {added.id}: {added.url} every {added.every_minutes} min"))


def fetch(
    ctx: typer.Context,
    feed_id: Annotated[
        int | None, typer.Option("--feed", help="Fetch this feed now (default: every feed due).")
    ] = None,
    as_of: AsOfOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Fetch a feed now, or every feed due, and ingest its new entries."""
    cli, today = state(ctx), as_of_date(ctx, as_of)
    results: list[FetchResult] = []
    with httpx.Client() as client, cli.unit_of_work() as uow:
        ids = [feed_id] if feed_id is not None else due_feeds(uow.session, now=cli.clock().now())
        try:
            for one in ids:
                results.append(
                    fetch_feed(uow.session, cli.user(), cli.context(), feed_id=one, today=today, client=client)
                )
        except ServiceError as error:
            fail_error(error)
        uow.commit()
    if json_out:
        print_json([{"feed_id": r.feed_id, "status": r.status, "added": r.added} for r in results])
        return
    for r in results:
        out.print(escape(f"feed {r.feed_id}: {r.status}; {r.added} added"))


def add_commands(news_app: typer.Typer) -> None:
    """Add ingest, list, review, feeds, feed-add and fetch to the `news` command group."""
    news_app.command("ingest")(ingest)
    news_app.command("list")(list_command)
    news_app.command("review")(review)
    news_app.command("feeds")(feeds)
    news_app.command("feed-add")(feed_add)
    news_app.command("fetch")(fetch)
