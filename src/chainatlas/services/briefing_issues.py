"""Issues of the chain chief's briefing (产业链月报): a series numbered per year (第N期), a draft per period to which
an analyst adds editorial texts per section (按语), marked issued by an administrator — frozen from then on.

Making a briefing renders it for the draft of its period (creating the draft) and stores each file with its
as-of date, parameters and checksum, recorded in the change history (kind `briefings`); an issued briefing is
never rendered again: asking for it returns the stored files, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from chainatlas.domain.access import BRIEFING_ISSUES, Action
from chainatlas.domain.briefing import ISSUED, SECTIONS, SERIES, BriefingFile, BriefingIssue, BriefingParams
from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.reports.briefing_browser import BrowserError
from chainatlas.reports.briefing_document import Issue, briefing_document
from chainatlas.reports.briefing_render import Step, checksum, render_briefing
from chainatlas.reports.briefing_template import TemplateError, load_template
from chainatlas.services.access import require
from chainatlas.services.audit import extra_entries
from chainatlas.services.briefing import briefing_data
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound, ServiceError
from chainatlas.store.briefings import BriefingRepository
from chainatlas.store.clusters import ClusterRule
from chainatlas.store.history import HistoryRepository

BRIEFING_KIND = "briefings"
EDITORIAL_LIMIT = 4000


class BriefingFailed(ServiceError):
    """The briefing could not be made: a broken template (naming its line) or a browser that failed."""


@dataclass(frozen=True)
class BriefingFiles:
    """A briefing made or fetched: each format's bytes, its figures, each file's checksum, and its issue."""

    files: dict[str, bytes]
    figures: dict[str, str]
    checksums: dict[str, str]
    issue: BriefingIssue


def require_briefing(user: User | None) -> None:
    """Raise NotAllowed unless the user may make briefings (analysts and administrators)."""
    require(user, Action.ANALYSE)


def cluster_series(series: str, rule: ClusterRule) -> str:
    """Return the series a cluster's briefings are issues of: the series itself for the default cluster."""
    return series if rule.cluster.is_default else f"{series}-{rule.id}"


def draft_issue(
    session: Session, user: User | None, ctx: WriteContext, *, period: str, series: str = SERIES
) -> BriefingIssue:
    """Return the issue of a series for a period, adding it as a draft numbered next in its year if new."""
    require(user, Action.ANALYSE)
    repo = BriefingRepository(session)
    found = repo.get(series, period)
    if found is not None:
        return found
    issue = repo.add_draft(series=series, period=period, by=ctx.actor, at=ctx.at)
    _record(session, ctx, issue, "create", None)
    return issue


def _existing(session: Session, series: str, period: str) -> BriefingIssue:
    issue = BriefingRepository(session).get(series, period)
    if issue is None:
        raise NotFound(code="briefing.issue_not_found", params={"series": series, "period": period})
    return issue


def _record(
    session: Session, ctx: WriteContext, issue: BriefingIssue, action: str, extra: Mapping[str, object] | None
) -> None:
    row = {"key": f"{issue.series}/{issue.period}", **issue.model_dump(mode="json"), **(extra or {})}
    entries = extra_entries(ctx, BRIEFING_KIND, [row], ("key",))
    entries[0]["action"] = action
    HistoryRepository(session).add_changes(entries)


def set_editorial(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    period: str,
    section: str,
    text: str,
    series: str = SERIES,
) -> BriefingIssue:
    """Set (or, with an empty text, remove) a section's editorial text (按语) of a draft."""
    require(user, Action.ANALYSE)
    if section not in SECTIONS:
        raise InvalidInput(
            [
                Problem.of(
                    "section", "briefing.bad_sections", {"value": section, "known": ",".join(SECTIONS)}, value=section
                )
            ]
        )
    if len(text) > EDITORIAL_LIMIT:
        raise InvalidInput([Problem.coded("text", "briefing.editorial_too_long", limit=EDITORIAL_LIMIT)])
    issue = draft_issue(session, user, ctx, period=period, series=series)
    if issue.state == ISSUED:
        raise Conflict(code="briefing.frozen", params={"series": series, "period": period})
    editorials = {k: v for k, v in {**issue.editorials, section: text.strip()}.items() if v}
    updated = BriefingRepository(session).update(series, period, editorials=editorials)
    _record(session, ctx, updated, "update", {"section": section})
    return updated


def mark_issued(
    session: Session, user: User | None, ctx: WriteContext, *, period: str, series: str = SERIES
) -> BriefingIssue:
    """Mark a draft issued (administrators only): from then on it is frozen."""
    require(user, Action.WRITE, BRIEFING_ISSUES)
    issue = _existing(session, series, period)
    if issue.state == ISSUED:
        raise Conflict(code="briefing.frozen", params={"series": series, "period": period})
    if not BriefingRepository(session).all_files(issue.id):
        raise Conflict(code="briefing.nothing_made", params={"series": series, "period": period})
    updated = BriefingRepository(session).update(series, period, state=ISSUED, issued_by=ctx.actor, issued_at=ctx.at)
    _record(session, ctx, updated, "update", None)
    return updated


def briefing_issues(session: Session, user: User | None) -> list[tuple[BriefingIssue, list[BriefingFile]]]:
    """Return every issue, newest first, with the files stored for it."""
    require(user, Action.ANALYSE)
    repo = BriefingRepository(session)
    return [(issue, repo.all_files(issue.id)) for issue in repo.listing()]


def stored_briefing(
    session: Session, user: User | None, *, period: str, lang: str, audience: str, series: str = SERIES
) -> BriefingFiles:
    """Return an issue's stored files of one language and audience, exactly as they were made."""
    require(user, Action.ANALYSE)
    issue = _existing(session, series, period)
    stored = BriefingRepository(session).files(issue.id, lang, audience)
    if not stored:
        raise NotFound(code="briefing.files_not_found", params={"series": series, "period": period, "lang": lang})
    figures = next(iter(stored.values()))[0].parameters.get("figures", {})
    return BriefingFiles(
        files={fmt: content for fmt, (_, content) in stored.items()},
        figures=dict(figures) if isinstance(figures, dict) else {},
        checksums={fmt: made.checksum for fmt, (made, _) in stored.items()},
        issue=issue,
    )


def make_briefing(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    params: BriefingParams,
    formats: Sequence[str],
    scripts: Sequence[str],
    series: str = SERIES,
    template_dir: Path | None = None,
    chromium: str | None = None,
    step: Step | None = None,
) -> BriefingFiles:
    """Make a briefing for the draft of its period and store its files; an issued one returns its stored files.

    The default cluster's briefings are issues of `series`; another cluster's are their own series,
    `<series>-<cluster id>`, numbered apart (one cluster's briefing never replaces another's files)."""
    require(user, Action.ANALYSE)
    series = cluster_series(series, resolve_cluster(session, user, params.cluster))
    found = BriefingRepository(session).get(series, params.period)
    if found is not None and found.state == ISSUED:
        return _frozen(session, user, found, params, formats)
    try:
        template = load_template(params.lang, template_dir)
    except TemplateError as error:
        raise BriefingFailed(code=error.code, params=error.params) from error
    # read everything before this unit of work writes: the analyses' shared cache records its results through
    # its own connection, which an open write here would lock out on SQLite
    data = briefing_data(session, user, params=params)
    if step:
        step("data")
    issue = draft_issue(session, user, ctx, period=params.period, series=series)
    doc = briefing_document(data, template, Issue(series=series, number=issue.number, editorials=issue.editorials))
    try:
        files = render_briefing(doc, formats, scripts, chromium=chromium, step=step)
    except BrowserError as error:
        raise BriefingFailed(code=error.code, params=error.params) from error
    checksums = {fmt: checksum(content) for fmt, content in files.items()}
    parameters = {**params.model_dump(mode="json"), "series": series, "number": issue.number, "figures": doc.figures}
    repo = BriefingRepository(session)
    for fmt, content in files.items():
        made = BriefingFile(
            lang=params.lang,
            audience=params.audience,
            format=fmt,
            as_of=params.as_of,
            parameters=parameters,
            checksum=checksums[fmt],
            made_by=ctx.actor,
            made_at=ctx.at,
        )
        repo.store(issue.id, made, content)
    extra = {"made": {**params.model_dump(mode="json"), "checksums": checksums}}
    _record(session, ctx, issue, "update", extra)
    return BriefingFiles(files=files, figures=doc.figures, checksums=checksums, issue=issue)


def _frozen(
    session: Session, user: User | None, issue: BriefingIssue, params: BriefingParams, formats: Sequence[str]
) -> BriefingFiles:
    """Return an issued briefing's stored files (the formats asked for must all have been made before it was issued)."""
    stored = stored_briefing(
        session, user, period=issue.period, lang=params.lang, audience=params.audience, series=issue.series
    )
    missing = [fmt for fmt in formats if fmt not in stored.files]
    if missing:
        raise Conflict(code="briefing.frozen", params={"series": issue.series, "period": issue.period})
    keep = {fmt: stored.files[fmt] for fmt in formats}
    return BriefingFiles(keep, stored.figures, {fmt: stored.checksums[fmt] for fmt in formats}, issue)
