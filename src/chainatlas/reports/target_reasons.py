"""The reasons of an attraction target's score in a reader's language: how the target analysis words each factor's
reason (English), and what that says in Chinese and English. One table for the gap pages and the briefing."""

from __future__ import annotations

import re
from collections.abc import Callable

from chainatlas.reports.labels import Labels

UNKNOWN_PROVINCE = "province unknown"
"""How the analysis words a firm's province when none is recorded."""
Word = Callable[[str], str]
"""A value's wording in the reader's language (a tag, a province)."""

REASON_LABELS: dict[str, tuple[str, str]] = {
    "reason.match_same": ("制造该环节", "makes this node"),
    "reason.match_below": ("制造该环节下的产品", "makes a product under this node"),
    "reason.match_parent": ("制造上级类别", "makes the parent category"),
    "reason.scale": (
        "产出规模为最大候选企业的 {value}（对数）",
        "output scale {value} of the largest candidate (log scale)",
    ),
    "reason.tagged": ("具有“{tag}”资质", "tagged {tag}"),
    "reason.untagged": ("无小巨人、专精特新、高新资质", "no little-giant, specialised-SME or high-tech tag"),
    "reason.links": ("已有 {n} 条供应关系向集群企业供货", "already sells to cluster enterprises through {n} link(s)"),
    "reason.province": ("位于集群所在的{province}", "in {province}, the cluster's province"),
    "reason.country": ("位于国内其他省份（{province}）", "elsewhere in the country ({province})"),
    "reason.abroad": ("位于境外", "abroad"),
}

TARGET_REASONS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "match": (
        (re.compile(r"^makes this node$"), "reason.match_same"),
        (re.compile(r"^makes a product under this node$"), "reason.match_below"),
        (re.compile(r"^makes the parent category$"), "reason.match_parent"),
    ),
    "scale": (
        (re.compile(r"^output scale (?P<value>[\d.]+) of the largest candidate \(log scale\)$"), "reason.scale"),
    ),
    "tags": (
        (re.compile(r"^tagged (?P<tag>.+)$"), "reason.tagged"),
        (re.compile(r"^no 小巨人/专精特新/高新 tag$"), "reason.untagged"),
    ),
    "links": ((re.compile(r"^already sells to cluster enterprises through (?P<n>\d+) link\(s\)$"), "reason.links"),),
    "region": (
        (re.compile(r"^in (?P<province>.+), the cluster's province$"), "reason.province"),
        (re.compile(r"^elsewhere in the country \((?P<province>.+)\)$"), "reason.country"),
        (re.compile(r"^abroad$"), "reason.abroad"),
    ),
}
"""How the target analysis words each factor's reason (English), and the key of its label in `REASON_LABELS`."""


def _as_written(value: str) -> str:
    return value


def reason_text(
    factor: str,
    english: str,
    labels: Labels,
    *,
    tag: Word = _as_written,
    province: Word = _as_written,
    unknown: str = "—",
) -> str:
    """Return a factor's reason in the labels' language (the analysis's own words when no pattern fits); tags and
    provinces are worded by `tag` and `province` (as recorded by default), an unknown province as `unknown`."""
    for pattern, key in TARGET_REASONS.get(factor, ()):
        match = pattern.match(english)
        if match:
            values = match.groupdict()
            if "tag" in values:
                values["tag"] = tag(values["tag"])
            if values.get("province") == UNKNOWN_PROVINCE:
                values["province"] = unknown
            elif "province" in values:
                values["province"] = province(values["province"])
            return labels.pick(REASON_LABELS, key).format(**values)
    return english
