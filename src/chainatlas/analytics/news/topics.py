"""Topics (主题) and the disruption event (供应中断事件) of a text, by the editable keyword tables of `rules`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chainatlas.analytics.news.rules import Rules
from chainatlas.domain.news_results import TOPICS

SENTENCE = re.compile(r"[^。!?！？\n]+[。!?！？]?")
TOPIC_MIN_HITS = 2
"""A topic is tagged when its keywords occur at least this often (a keyword in the first line counts twice)."""


@dataclass(frozen=True)
class FoundDisruption:
    """A disruption: its kind and the [start, end) of its evidence sentence in the normalised text."""

    kind: str
    start: int
    end: int


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every sentence (ended by 。!? or a line break), stripped of spaces."""
    spans: list[tuple[int, int]] = []
    for match in SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def topics(text: str, rules: Rules) -> list[str]:
    """Return the topics whose keywords occur often enough, in the order of `TOPICS`."""
    title = text.split("\n", 1)[0]
    found = []
    for topic in TOPICS:
        words = rules.topic_keywords.get(topic, ())
        hits = sum(text.count(word) + title.count(word) for word in words)
        if hits >= TOPIC_MIN_HITS:
            found.append(topic)
    return found


def disruption(text: str, rules: Rules) -> FoundDisruption | None:
    """Return the first sentence that reports a disruption (a strong cue, or a weak one with an impact word)."""
    for start, end in sentences(text):
        sentence = text[start:end]
        for cue in rules.disruption_cues:
            if cue.cue in sentence and (not cue.needs_impact or _impact(sentence, cue.cue, rules)):
                return FoundDisruption(cue.kind, start, end)
    return None


def _impact(sentence: str, cue: str, rules: Rules) -> bool:
    """Return whether a sentence carries an impact word besides its cue."""
    rest = sentence.replace(cue, "")
    return any(word in rest for word in rules.impact_words)
