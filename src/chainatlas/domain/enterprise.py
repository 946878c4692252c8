"""Enterprises (企业): who is in the cluster, where, how big, with which tags."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from chainatlas.domain.common import MAX_DB_INT, PRINTABLE, Code, Problem, Record, SizeClass, Source, Text, Year
from chainatlas.domain.credit_code import credit_code_issues
from chainatlas.domain.fields import Cell, Header
from chainatlas.domain.messages import field_error
from chainatlas.domain.organisation import Alias, Latitude, Longitude, alias_problems, point_problems


def _pattern(regex: str, example: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise field_error("enterprise.pattern", example=example)
        return value

    return AfterValidator(check)


CountryCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True), _pattern(r"^[A-Z]{2}$", "CN (ISO 3166-1 alpha-2)")
]
Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=PRINTABLE)]
Tag = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[^;；,，、\x00-\x1f]+$")
]
ListedCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True),
    _pattern(r"^[0-9A-Z]{1,10}\.[A-Z]{1,4}$", "600031.SH (code.exchange)"),
]


def _check_export_share(value: float) -> float:
    if 1 < value <= 100:
        raise field_error("enterprise.export_share_percent", percent=f"{value:g}", fraction=f"{value / 100:g}")
    if not 0 <= value <= 1:
        raise field_error("enterprise.export_share")
    return value


ExportShare = Annotated[float, AfterValidator(_check_export_share)]
"""The share of an enterprise's output that it exports (出口占比), a fraction 0–1: 0.35 is 35 %."""

KNOWN_TAGS = ("规上", "专精特新", "小巨人", "高新", "链主", "上市", "全球50强")


class Enterprise(Record):
    """An enterprise in or around the cluster."""

    id: Annotated[Code, Header("企业编号")]
    name_zh: Annotated[Text, Header("企业名称", label_en="Chinese name")]
    name_en: Annotated[Text | None, Header("英文名称", label_en="English name")] = None
    unified_code: Annotated[
        Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True)] | None,
        Header("统一社会信用代码", label_en="Unified social credit code"),
    ] = None
    country: Annotated[CountryCode, Header("国家", cell=Cell.COUNTRY)]
    province: Annotated[Place | None, Header("省")] = None
    city: Annotated[Place | None, Header("市")] = None
    district: Annotated[Place | None, Header("区县")] = None
    park: Annotated[Place | None, Header("园区")] = None
    in_cluster: Annotated[bool | None, Header("集群内", label_en="In the cluster")] = None
    """Membership of the default cluster: stored as a cluster membership, read back as the rule gives it
    (empty on a write: as the cluster's region and chain subtree decide)."""
    size_class: Annotated[SizeClass | None, Header("规模")] = None
    tags: Annotated[tuple[Tag, ...], Header("标签")] = ()
    founded: Annotated[Year | None, Header("成立年份")] = None
    employees: Annotated[Annotated[int, Field(ge=0, le=MAX_DB_INT)] | None, Header("员工数")] = None
    parent_id: Annotated[Code | None, Header("上级集团", label_en="Parent group")] = None
    listed_code: Annotated[ListedCode | None, Header("股票代码")] = None
    export_share: Annotated[ExportShare | None, Header("出口占比")] = None
    longitude: Annotated[Longitude | None, Header("经度", label_en="Longitude")] = None
    latitude: Annotated[Latitude | None, Header("纬度", label_en="Latitude")] = None
    aliases: Annotated[tuple[Alias, ...], Header("别名", label_en="Aliases")] = ()
    """Short names and group or subsidiary forms the news uses for this enterprise (三一 for 三一重工)."""
    source: Annotated[Source, Header("来源")]


def enterprise_problems(enterprise: Enterprise) -> list[Problem]:
    """Return every rule a single enterprise breaks."""
    problems: list[Problem] = point_problems(enterprise) + alias_problems(enterprise)
    if enterprise.unified_code is not None:
        for code, params in credit_code_issues(enterprise.unified_code):
            problems.append(Problem.of("unified_code", code, params, value=enterprise.unified_code))
    if enterprise.parent_id == enterprise.id:
        problems.append(Problem.coded("parent_id", "enterprise.own_group", value=enterprise.id))
    if len(set(enterprise.tags)) != len(enterprise.tags):
        problems.append(Problem.coded("tags", "enterprise.tag_twice", value=";".join(enterprise.tags)))
    if enterprise.in_cluster and enterprise.country != "CN":
        problems.append(Problem.coded("in_cluster", "enterprise.cluster_in_cn", value=enterprise.country))
    return problems
