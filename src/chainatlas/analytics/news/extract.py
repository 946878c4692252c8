"""Extract from one news text everything `news extract` reports: registry links, other organisations (proposed for
review), amounts, dates, people, topics and a disruption event. Every offset is in the ORIGINAL text, so
`text[start:end] == mention`; the work is done on the normalised text and mapped back.
"""

from __future__ import annotations

import re

from chainatlas.analytics.news.amounts import find_amounts
from chainatlas.analytics.news.dates import find_dates
from chainatlas.analytics.news.lexicon import Lexicon, LexiconMatch, lowered, name_key
from chainatlas.analytics.news.normalise import Normalised, normalise
from chainatlas.analytics.news.people import find_people
from chainatlas.analytics.news.proposals import propose
from chainatlas.analytics.news.rules import Rules, default_rules
from chainatlas.analytics.news.topics import disruption, topics
from chainatlas.domain.news_results import (
    AmountMention,
    DateMention,
    Disruption,
    Extraction,
    OrganisationMention,
    Person,
    ProjectMention,
)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _organisation(norm: Normalised, match: LexiconMatch) -> OrganisationMention:
    start, end = norm.span(match.start, match.end)
    entry = match.entry
    return OrganisationMention(
        mention=norm.original[start:end],
        start=start,
        end=end,
        canonical=entry.canonical,
        enterprise_id=entry.ref_id if entry.kind == "enterprise" else None,
        organisation_id=entry.ref_id if entry.kind == "organisation" else None,
    )


def _project(norm: Normalised, match: LexiconMatch) -> ProjectMention:
    start, end = norm.span(match.start, match.end)
    return ProjectMention(mention=norm.original[start:end], start=start, end=end, project_id=match.entry.ref_id)


def _project_parts(norm: Normalised, lexicon: Lexicon, matches: list[LexiconMatch]) -> list[LexiconMatch]:
    """Return the parts of a named project written by their own name alone (`挖掘机械园区` in a text naming
    `中联智慧产业城`), where no other name stands."""
    taken = [(m.start, m.end) for m in matches]
    found: list[LexiconMatch] = []
    parents = {name_key(norm.text[m.start : m.end]) for m in matches if m.entry.kind == "project"}
    for parent in sorted(parents):
        for part, entry in lexicon.parts_of(parent):
            for hit in re.finditer(re.escape(part), lowered(norm.text)):
                if not any(s < hit.end() and hit.start() < e for s, e in taken) and not norm.in_spam(hit.start()):
                    taken.append((hit.start(), hit.end()))
                    found.append(LexiconMatch(hit.start(), hit.end(), entry))
    return found


def _linked(
    norm: Normalised, lexicon: Lexicon, rules: Rules
) -> tuple[list[OrganisationMention], list[ProjectMention], list[str]]:
    """Return the organisations (registry names first, then proposed ones, in text order), projects and proposals."""
    matches = [m for m in lexicon.find(norm.text) if not norm.in_spam(m.start)]
    matches = sorted(matches + _project_parts(norm, lexicon, matches), key=lambda m: m.start)
    organisations = [_organisation(norm, m) for m in matches if m.entry.kind != "project"]
    projects = [_project(norm, m) for m in matches if m.entry.kind == "project"]
    proposed = [p for p in propose(norm.text, lexicon, matches, rules) if not norm.in_spam(p.start)]
    for item in proposed:
        start, end = norm.span(item.start, item.end)
        organisations.append(
            OrganisationMention(mention=norm.original[start:end], start=start, end=end, canonical=item.name)
        )
    organisations.sort(key=lambda o: o.start)
    return organisations, projects, _unique([p.name for p in proposed])


def _amounts(norm: Normalised) -> list[AmountMention]:
    found = []
    for amount in find_amounts(norm.text):
        if norm.in_spam(amount.start):
            continue
        start, end = norm.span(amount.start, amount.end)
        found.append(
            AmountMention(
                mention=norm.original[start:end],
                start=start,
                end=end,
                value_yuan=amount.value_yuan,
                currency=amount.currency,
            )
        )
    return found


def _dates(norm: Normalised) -> list[DateMention]:
    found = []
    for date in find_dates(norm.text):
        if norm.in_spam(date.start):
            continue
        start, end = norm.span(date.start, date.end)
        found.append(DateMention(mention=norm.original[start:end], start=start, end=end, iso=date.iso))
    return found


def _disruption(norm: Normalised, rules: Rules) -> Disruption | None:
    found = disruption(norm.text, rules)
    if found is None or norm.in_spam(found.start):
        return None
    start, end = norm.span(found.start, found.end)
    return Disruption(kind=found.kind, evidence=norm.original[start:end], start=start, end=end)


def extract(doc_id: str, text: str, lexicon: Lexicon, rules: Rules | None = None) -> Extraction:
    """Return everything found in one document, offsets in the original text."""
    rules = rules or default_rules()
    norm = normalise(text)
    organisations, projects, proposed = _linked(norm, lexicon, rules)
    people = [Person(name=p.name, role=p.role) for p in find_people(norm.text, rules) if not norm.in_spam(p.start)]
    return Extraction(
        id=doc_id,
        text_normalised=norm.text,
        enterprises=_unique([o.enterprise_id for o in organisations if o.enterprise_id]),
        projects=_unique([p.project_id for p in projects]),
        project_mentions=projects,
        organisations=organisations,
        amounts=_amounts(norm),
        dates=_dates(norm),
        people=people,
        topics=topics(norm.text, rules),
        disruption=_disruption(norm, rules),
        proposed=proposed,
    )
