"""Innovation platforms (创新平台): enterprise technology centres, key laboratories, manufacturing
innovation centres and the like, each recognised at a level (national, provincial, municipal) in a year."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from chainatlas.domain.common import Code, Problem, Record, Source, Text, Year
from chainatlas.domain.fields import Header


class PlatformKind(StrEnum):
    """What kind of innovation platform it is."""

    ENTERPRISE_TECHNOLOGY_CENTRE = "enterprise_technology_centre"
    """企业技术中心"""
    KEY_LABORATORY = "key_laboratory"
    """重点实验室"""
    MANUFACTURING_INNOVATION_CENTRE = "manufacturing_innovation_centre"
    """制造业创新中心"""
    ENGINEERING_RESEARCH_CENTRE = "engineering_research_centre"
    """工程（技术）研究中心"""
    OTHER = "other"


class PlatformLevel(StrEnum):
    """Who recognised the platform (认定级别)."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"


class InnovationPlatform(Record):
    """An R&D or innovation platform, its owner (an enterprise of the registry, when known), level and year."""

    id: Annotated[Code, Header("平台编号")]
    name_zh: Annotated[Text, Header("平台名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    kind: Annotated[PlatformKind, Header("平台类型")]
    level: Annotated[PlatformLevel, Header("级别")]
    owner_id: Annotated[Code | None, Header("依托企业")] = None
    year: Annotated[Year | None, Header("认定年份")] = None
    """The year it was recognised (认定年份)."""
    source: Annotated[Source, Header("来源")]


def platform_problems(platform: InnovationPlatform) -> list[Problem]:
    """Return every rule a single platform breaks (none beyond its fields' types yet)."""
    return []
