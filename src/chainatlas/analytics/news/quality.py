"""Score extractions against a gold annotation (the shared corpus's `gold-dev.jsonl` format): enterprise links,
amounts, dates, organisation mentions, people, topics and the disruption event.

Mentions are compared after normalisation (so `中聯(lián)重科` in the gold and in the output are the same string either
way); lists are matched as multisets, each gold item to a different found item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chainatlas.analytics.news.lexicon import Lexicon
from chainatlas.analytics.news.normalise import normalise
from chainatlas.domain.news_results import Extraction

ARTEFACT_CHECK = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
"""The corpus README's own test for a pinyin artefact."""


@dataclass
class Tally:
    """Found, expected and matched counts of one measure."""

    matched: int = 0
    expected: int = 0
    found: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def add(self, matched: int, expected: int, found: int) -> None:
        self.matched += matched
        self.expected += expected
        self.found += found


@dataclass
class QualityReport:
    """Every measure over a set of documents."""

    enterprise_links: Tally = field(default_factory=Tally)
    organisations: Tally = field(default_factory=Tally)
    amounts: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    projects: Tally = field(default_factory=Tally)
    people: Tally = field(default_factory=Tally)
    topics: Tally = field(default_factory=Tally)
    disruptions_found: int = 0
    disruptions_expected: int = 0
    disruptions_invented: int = 0
    artefacts_left: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Return the report as printable lines."""
        rows = [
            ("enterprise links", self.enterprise_links),
            ("organisation mentions", self.organisations),
            ("amounts (value)", self.amounts),
            ("dates (iso)", self.dates),
            ("projects", self.projects),
            ("people (name)", self.people),
            ("topics", self.topics),
        ]
        out = [
            f"{name:<22} precision {t.precision:.3f}  recall {t.recall:.3f}  ({t.matched}/{t.expected} gold, {t.found} found)"
            for name, t in rows
        ]
        out.append(
            f"disruptions            found {self.disruptions_found}/{self.disruptions_expected}, "
            f"invented {self.disruptions_invented}"
        )
        out.append(f"pinyin artefacts left  {self.artefacts_left}")
        return out


def key(text: str) -> str:
    """Return a mention as compared: normalised, spaces dropped."""
    return normalise(text).text.replace(" ", "")


def matched(expected: Iterable[Any], found: Iterable[Any]) -> int:
    """Return how many expected items a found item matches, each found item used once."""
    left = Counter(found)
    count = 0
    for item in expected:
        if left[item] > 0:
            left[item] -= 1
            count += 1
    return count


def _enterprise(lexicon: Lexicon, *names: str) -> str | None:
    for name in names:
        entry = lexicon.lookup(name)
        if entry is not None and entry.kind == "enterprise":
            return entry.ref_id
    return None


def _project(lexicon: Lexicon, *names: str) -> str | None:
    for name in names:
        entry = lexicon.lookup(name)
        if entry is not None and entry.kind == "project":
            return entry.ref_id
    return None


def _value(amount: Mapping[str, Any]) -> tuple[str, float | str | None]:
    value = amount.get("value_yuan")
    return ("value", round(float(value), 2)) if value is not None else ("mention", key(amount["mention"]))


def _score_lists(report: QualityReport, gold: Mapping[str, Any], found: Extraction, lexicon: Lexicon) -> None:
    gold_ids = {_enterprise(lexicon, o["canonical"], o["mention"]) for o in gold["organisations"]} - {None}
    report.enterprise_links.add(len(gold_ids & set(found.enterprises)), len(gold_ids), len(set(found.enterprises)))
    gold_orgs = [key(o["mention"]) for o in gold["organisations"]]
    found_orgs = [key(o.mention) for o in found.organisations]
    report.organisations.add(matched(gold_orgs, found_orgs), len(gold_orgs), len(found_orgs))
    gold_amounts = [_value(a) for a in gold["amounts"]]
    found_amounts = [_value(a.model_dump()) for a in found.amounts]
    report.amounts.add(matched(gold_amounts, found_amounts), len(gold_amounts), len(found_amounts))
    gold_dates = [(key(d["mention"]), d["iso"]) for d in gold["dates"]]
    found_dates = [(key(d.mention), d.iso) for d in found.dates]
    report.dates.add(matched(gold_dates, found_dates), len(gold_dates), len(found_dates))
    gold_projects = {_project(lexicon, p["canonical"], p["mention"]) for p in gold["projects"]} - {None}
    report.projects.add(len(gold_projects & set(found.projects)), len(gold_projects), len(set(found.projects)))
    gold_people = {key(p["name"]) for p in gold["people"]}
    found_people = {key(p.name) for p in found.people}
    report.people.add(len(gold_people & found_people), len(gold_people), len(found_people))
    report.topics.add(len(set(gold["topics"]) & set(found.topics)), len(set(gold["topics"])), len(set(found.topics)))
    _misses(report, gold["id"], Counter(gold_orgs) - Counter(found_orgs), "organisation")
    _misses(report, gold["id"], Counter(gold_dates) - Counter(found_dates), "date")
    _misses(report, gold["id"], Counter(gold_amounts) - Counter(found_amounts), "amount")


def _misses(report: QualityReport, doc: str, missing: Counter[Any], what: str) -> None:
    for item in missing.elements():
        report.misses.setdefault(doc, []).append(f"{what} {item}")


def _score_disruption(report: QualityReport, gold: Mapping[str, Any], found: Extraction) -> None:
    expected = gold.get("disruption")
    if expected is None:
        report.disruptions_invented += found.disruption is not None
        return
    report.disruptions_expected += 1
    if found.disruption is not None and found.disruption.kind == expected["kind"]:
        said, wanted = key(found.disruption.evidence), key(expected["evidence"])
        report.disruptions_found += said in wanted or wanted in said


def score(gold: Iterable[Mapping[str, Any]], found: Mapping[str, Extraction], lexicon: Lexicon) -> QualityReport:
    """Return the quality of the extractions `found` (by document id) against the gold documents."""
    report = QualityReport()
    for item in gold:
        extraction = found[item["id"]]
        _score_lists(report, item, extraction, lexicon)
        _score_disruption(report, item, extraction)
    report.artefacts_left = sum(len(ARTEFACT_CHECK.findall(e.text_normalised)) for e in found.values())
    return report
