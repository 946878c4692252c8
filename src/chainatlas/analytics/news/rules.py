"""The word lists and tables the extraction runs on, read from the data files in `data/` (the association edits
those files; nothing is hard-wired in the code): topic keywords, disruption cues and impact words, role words,
surnames, organisation suffixes and spam phrases.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _data(name: str) -> str:
    return resources.files("chainatlas.analytics.news").joinpath(f"data/{name}").read_text("utf-8")


def _lines(name: str) -> tuple[str, ...]:
    """Return the non-empty, non-comment lines of a data file, longest first."""
    words = {line.strip() for line in _data(name).splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data(name).splitlines()))


@dataclass(frozen=True)
class DisruptionCue:
    """A word that signals a disruption of a kind; a weak one needs an impact word in the same sentence."""

    kind: str
    cue: str
    needs_impact: bool


@dataclass(frozen=True)
class Rules:
    """Every editable table the extraction uses."""

    topic_keywords: dict[str, tuple[str, ...]]
    disruption_cues: tuple[DisruptionCue, ...]
    impact_words: tuple[str, ...]
    roles: tuple[str, ...]
    surnames: frozenset[str]
    org_suffixes: tuple[str, ...]


@cache
def default_rules() -> Rules:
    """Return the rules of the packaged data files."""
    topics: dict[str, list[str]] = {}
    for row in _rows("topics.csv"):
        topics.setdefault(row["topic"], []).append(row["keyword"])
    cues = tuple(
        DisruptionCue(row["kind"], row["cue"], row["needs_impact"].strip() == "yes")
        for row in _rows("disruption_cues.csv")
    )
    return Rules(
        topic_keywords={topic: tuple(words) for topic, words in topics.items()},
        disruption_cues=tuple(sorted(cues, key=lambda c: (c.needs_impact, -len(c.cue)))),
        impact_words=_lines("disruption_impacts.txt"),
        roles=_lines("roles.txt"),
        surnames=frozenset(_data("surnames.txt").split()),
        org_suffixes=_lines("org_suffixes.txt"),
    )
