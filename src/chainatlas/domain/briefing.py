"""The chain chief's briefing (产业链月报): its parameters, sections and the data a service assembles for it.

A briefing is as of a date, covers a period (a calendar month by default: the as-of date's), is written for an
audience (`viewer`: the disclosure rules hold, no per-site figure and no confidential link; `analyst`: per-site
figures may show) in one language, with the sections asked for. Every figure carries its source (or `synthetic`).

May import only the standard library, pydantic and the rest of `domain`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

SECTIONS = ("headline", "targets", "projects", "gaps", "resilience", "alerts", "news", "fair")
"""Every section a briefing may hold, in the default order."""
FORMATS = ("html", "pdf", "docx", "xlsx")
AUDIENCES = ("viewer", "analyst")
MILESTONE_WINDOW_DAYS = 90
"""Milestones planned within this many days after the as-of date are listed as due."""
TOP_GAPS = 5
TOP_TARGETS = 3
TOP_SITES = 10
_PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")

Audience = Literal["viewer", "analyst"]
Lang = Literal["zh", "en"]


class BriefingError(ValueError):
    """A briefing parameter that breaks its rule: a message code with its parameters."""

    def __init__(self, code: str, **params: str | int | None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a calendar month written YYYY-MM."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        raise BriefingError("briefing.bad_period", value=text)
    year, month = int(match[1]), int(match[2])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: dt.date) -> str:
    """Return the calendar month of a date as YYYY-MM (a briefing's default period)."""
    return f"{day.year:04d}-{day.month:02d}"


def parse_sections(text: str | None) -> tuple[str, ...]:
    """Return the sections named in a comma-separated list (None or empty: every one), in the order given."""
    if not text:
        return SECTIONS
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise BriefingError("briefing.bad_sections", value=",".join(unknown), known=",".join(SECTIONS))
    return names


def parse_formats(text: str) -> tuple[str, ...]:
    """Return the file formats named in a comma-separated list."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise BriefingError("briefing.bad_formats", value=",".join(unknown), known=",".join(FORMATS))
    return names


class BriefingParams(BaseModel):
    """What a briefing is asked for: as of a date, for a period, an audience, a language and its sections."""

    as_of: dt.date
    period: str
    lang: Lang = "zh"
    audience: Audience = "viewer"
    sections: tuple[str, ...] = SECTIONS
    cluster: str | None = None

    def bounds(self) -> tuple[dt.date, dt.date]:
        """Return the first and last day of the period."""
        return parse_period(self.period)


# -- what a service assembles ------------------------------------------------------------------------


class Headline(BaseModel):
    """A cluster-wide indicator as the scorecard gives it: the latest value, its 同比, and the 1–N月累计 figure."""

    metric: str
    unit: str | None
    latest_period: str | None
    latest_value: float | None
    latest_yoy: float | None
    ytd_period: str | None = None
    ytd_value: float | None = None
    ytd_yoy: float | None = None
    source: str
    synthetic: bool


class MilestoneDue(BaseModel):
    """A milestone not yet reached that is planned within the window after the as-of date (达产达效)."""

    project_id: str
    project_zh: str
    project_en: str | None
    name: str
    planned_date: dt.date
    source: str
    synthetic: bool


class AttractionLine(BaseModel):
    """One enterprise worth attracting for a gap, with the reasons of its score."""

    firm_id: str
    name: str
    score: float
    reasons: dict[str, str]
    """Each factor's reason as the target analysis words it (English); the briefing renders it in its language."""


class GapLine(BaseModel):
    """A chain gap (补链) with its reason, and the best attraction targets for it (招商) with theirs."""

    code: str
    name_zh: str
    name_en: str | None
    gap_cny: Decimal
    local_rate: float | None
    quadrant: str
    reason_zh: str
    reason_en: str
    targets: list[AttractionLine] = Field(default_factory=list)
    source: str


class SiteLine(BaseModel):
    """One of the most exposed sites (analyst briefings only)."""

    id: str
    name: str
    exposure_days: float
    tts_days: float
    ttr_days: float
    spof: bool


class ResilienceLines(BaseModel):
    """Resilience in aggregate (suppressed below the disclosure threshold); per-site lines for analysts only."""

    sites: int
    suppressed: bool
    single_points_of_failure: int | None
    exposed_sites: int | None
    median_tts_days: float | None
    total_pi_cny: Decimal | None
    per_site: list[SiteLine] = Field(default_factory=list)
    source: str


class AlertLine(BaseModel):
    """An alert raised or cleared within the period."""

    id: int
    rule: str
    subject: str
    severity: str
    state: str
    raised_on: dt.date
    cleared_on: dt.date | None
    message: str
    event: Literal["raised", "cleared"]


class NewsItem(BaseModel):
    """One story of the period under a topic: its first copy in the period, and how many copies the store holds."""

    title: str
    published: dt.date
    source: str
    url: str | None = None
    copies: int = 1
    """How many stored articles tell the story (reposts included)."""


class NewsTopic(BaseModel):
    """The news of a period under one topic."""

    topic: str
    items: list[NewsItem]


class FairLine(BaseModel):
    """A fair that ended within the period, with its meeting results."""

    id: str
    name_zh: str
    name_en: str | None
    start: dt.date
    end: dt.date
    participants: int
    meetings: int
    held: int | None
    no_shows: int | None
    source: str


@dataclass(frozen=True)
class BriefingData:
    """Everything a briefing shows, assembled by the service for its parameters (a section left out is None).

    Targets come as the scorecard scores them and projects as their statuses (the same objects the pages
    read), so the briefing's figures are the scorecard's and the project status's."""

    params: BriefingParams
    cluster: str
    cluster_zh: str
    cluster_en: str | None
    headline: list[Headline] | None = None
    targets: list[Any] | None = None
    """`domain.monitoring_results.TargetScore` of the public scopes."""
    projects: list[Any] | None = None
    """`analytics.projects.ProjectStatus` of the cluster's key projects."""
    milestones_due: list[MilestoneDue] | None = None
    gaps: list[GapLine] | None = None
    resilience: ResilienceLines | None = None
    alerts: list[AlertLine] | None = None
    news: list[NewsTopic] | None = None
    fairs: list[FairLine] | None = None


# -- issues ------------------------------------------------------------------------------------------

SERIES = "monthly"
"""The default series: the monthly briefing (产业链月报)."""
DRAFT, ISSUED = "draft", "issued"


class BriefingIssue(BaseModel):
    """An issue of a series (第N期, numbered per series and year) for a period: a draft, then issued (frozen)."""

    id: int
    series: str
    year: int
    number: int
    period: str
    state: str
    editorials: dict[str, str]
    created_by: str
    created_at: dt.datetime
    issued_by: str | None = None
    issued_at: dt.datetime | None = None


class BriefingFile(BaseModel):
    """A file generated for an issue, as stored: what it was made from and its checksum (the bytes apart)."""

    lang: str
    audience: str
    format: str
    as_of: dt.date
    parameters: dict[str, object]
    checksum: str
    made_by: str
    made_at: dt.datetime


class BriefingRequest(BaseModel):
    """What the API and the page ask a briefing job for (`as_of` defaults to today in the cluster's time zone)."""

    as_of: dt.date | None = None
    period: str | None = Field(default=None, description="YYYY-MM; default the as-of date's month")
    lang: Lang = "zh"
    audience: Audience = "viewer"
    sections: list[str] = Field(default_factory=lambda: list(SECTIONS))
    formats: list[str] = Field(default_factory=lambda: list(FORMATS))
    series: str = Field(default=SERIES, pattern=r"^[a-z][a-z0-9_-]{0,31}$")
    cluster: str | None = None


class BriefingJobStatus(BaseModel):
    """A briefing job as it is polled: its state and, once done, its issue, files (with their checksums) and
    figures."""

    id: str
    state: str = Field(description="running, done or failed")
    elapsed: float | None = None
    note: str = ""
    error: str | None = None
    issue: BriefingIssue | None = None
    files: dict[str, str] = Field(default_factory=dict, description="format → the URL of the stored file")
    checksums: dict[str, str] = Field(default_factory=dict, description="format → SHA-256 of the file")
    figures: dict[str, str] = Field(default_factory=dict)
