"""Enterprises (企业): who is in the cluster, where, how big, with which tags."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from chainatlas.domain.common import MAX_DB_INT, PRINTABLE, Code, Problem, Record, SizeClass, Source, Text, Year
from chainatlas.domain.credit_code import credit_code_problems


def _pattern(regex: str, example: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"must look like {example}")
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

KNOWN_TAGS = ("规上", "专精特新", "小巨人", "高新", "链主", "上市", "全球50强")


class Enterprise(Record):
    """An enterprise in or around the cluster."""

    id: Code
    name_zh: Text
    name_en: Text | None = None
    unified_code: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True)] | None = None
    country: CountryCode
    province: Place | None = None
    city: Place | None = None
    district: Place | None = None
    park: Place | None = None
    in_cluster: bool = False
    size_class: SizeClass | None = None
    tags: tuple[Tag, ...] = ()
    founded: Year | None = None
    employees: Annotated[int, Field(ge=0, le=MAX_DB_INT)] | None = None
    parent_id: Code | None = None
    listed_code: ListedCode | None = None
    source: Source


def enterprise_problems(enterprise: Enterprise) -> list[Problem]:
    """Return every rule a single enterprise breaks."""
    problems: list[Problem] = []
    if enterprise.unified_code is not None:
        for message in credit_code_problems(enterprise.unified_code):
            problems.append(Problem(field="unified_code", message=message, value=enterprise.unified_code))
    if enterprise.parent_id == enterprise.id:
        problems.append(
            Problem(field="parent_id", message="an enterprise cannot be its own group", value=enterprise.id)
        )
    if len(set(enterprise.tags)) != len(enterprise.tags):
        problems.append(Problem(field="tags", message="a tag is listed twice", value=";".join(enterprise.tags)))
    if enterprise.in_cluster and enterprise.country != "CN":
        problems.append(
            Problem(field="in_cluster", message="an enterprise in the cluster must be in CN", value=enterprise.country)
        )
    return problems
