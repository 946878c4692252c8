"""What the news analytics find in one document: the shape `chainatlas news extract --json` prints and the
store keeps per article. Offsets are Python string indices (code points) into the ORIGINAL text, so
`text[start:end] == mention` always holds.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Topic = Literal[
    "cluster_scale",
    "key_project",
    "fair",
    "innovation",
    "policy",
    "exports",
    "supply_disruption",
    "investment_attraction",
    "association",
    "components",
]
DisruptionKind = Literal[
    "lockdown", "price_shock", "chip_shortage", "sanction", "fire", "flood", "strike", "bankruptcy", "other"
]
TOPICS: tuple[str, ...] = get_args(Topic)
DISRUPTION_KINDS: tuple[str, ...] = get_args(DisruptionKind)


class _Found(BaseModel):
    model_config = ConfigDict(frozen=True)


class OrganisationMention(_Found):
    """A named organisation (an enterprise, government body, association, zone or park) in the text."""

    mention: str
    start: int
    end: int
    canonical: str
    """The registry's name for it (the enterprise's or organisation's `name_zh`), or the mention itself when
    the name is not in the registry (then proposed for review)."""
    enterprise_id: str | None = None
    organisation_id: str | None = None


class ProjectMention(_Found):
    """A key project of the registry named in the text."""

    mention: str
    start: int
    end: int
    project_id: str


class AmountMention(_Found):
    """An amount of money: `value_yuan` in yuan for CNY, null for other currencies (kept in `currency`)."""

    mention: str
    start: int
    end: int
    value_yuan: float | None
    currency: str
    """ISO 4217: CNY, USD, HKD, EUR, ..."""


class DateMention(_Found):
    """A date: `iso` as YYYY, YYYY-MM or YYYY-MM-DD (the year only when the text fixes it)."""

    mention: str
    start: int
    end: int
    iso: str | None


class Person(_Found):
    """A person named with the role the text states (记者, 董事长, 市长, ...)."""

    name: str
    role: str | None = None


class Disruption(_Found):
    """A supply disruption the text reports, with the sentence that says so."""

    kind: DisruptionKind
    evidence: str
    start: int | None = None
    end: int | None = None


class Extraction(BaseModel):
    """Everything found in one document (the object `news extract --json` prints per input document)."""

    id: str
    text_normalised: str
    enterprises: list[str] = []
    """Registry ids of the enterprises named, in order of first mention, each once."""
    projects: list[str] = []
    project_mentions: list[ProjectMention] = []
    """Where each project is named (for highlighting; not part of the `news extract --json` shape)."""
    organisations: list[OrganisationMention] = []
    amounts: list[AmountMention] = []
    dates: list[DateMention] = []
    people: list[Person] = []
    topics: list[Topic] = []
    disruption: Disruption | None = None
    proposed: list[str] = []
    """Organisation names found by segmentation that the registry does not know: for the review queue."""

    def as_output(self) -> dict[str, object]:
        """Return the object `news extract --json` prints (the issue's shape; `proposed` and `project_mentions` are
        left out)."""
        data = self.model_dump(exclude={"proposed", "project_mentions"})
        data["organisations"] = [
            {k: o[k] for k in ("mention", "start", "end", "canonical", "enterprise_id")} for o in data["organisations"]
        ]
        data["disruption"] = (
            None if self.disruption is None else {"kind": self.disruption.kind, "evidence": self.disruption.evidence}
        )
        return data
