"""Organisations (组织机构): government bodies, associations, development zones and parks, with their aliases.

Enterprises keep their own kind; an organisation is every other body the news and the map name: the city's
industry bureau, the association, a national development zone, an industrial park. A park or zone may carry a
point (WGS-84) that places the firms in it on the map.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from chainatlas.domain.common import Code, Problem, Record, Source, Text
from chainatlas.domain.fields import Header


class OrganisationType(StrEnum):
    """What kind of body an organisation is."""

    GOVERNMENT = "government"
    """政府部门"""
    ASSOCIATION = "association"
    """协会商会"""
    DEVELOPMENT_ZONE = "development_zone"
    """开发区"""
    PARK = "park"
    """产业园区"""
    INSTITUTE = "institute"
    """科研院所、高校"""
    OTHER = "other"


Alias = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[^;；\x00-\x1f]+$")
]
"""Another name a body or an enterprise goes by (a short name, a group or subsidiary form): no `;` inside."""
Longitude = Annotated[float, Field(ge=-180, le=180)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Place = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Organisation(Record):
    """A government body, association, development zone, park or institute the cluster deals with."""

    id: Annotated[Code, Header("机构编号", label_en="Organisation id")]
    name_zh: Annotated[Text, Header("机构名称", label_en="Chinese name")]
    name_en: Annotated[Text | None, Header("英文名称", label_en="English name")] = None
    type: Annotated[OrganisationType, Header("机构类型", label_en="Type")]
    aliases: Annotated[tuple[Alias, ...], Header("别名", label_en="Aliases")] = ()
    parent_id: Annotated[Code | None, Header("上级机构", label_en="Parent organisation")] = None
    province: Annotated[Place | None, Header("省")] = None
    city: Annotated[Place | None, Header("市")] = None
    district: Annotated[Place | None, Header("区县")] = None
    longitude: Annotated[Longitude | None, Header("经度", label_en="Longitude")] = None
    latitude: Annotated[Latitude | None, Header("纬度", label_en="Latitude")] = None
    source: Annotated[Source, Header("来源")]


def point_problems(record: Record) -> list[Problem]:
    """Return the rule a point breaks: longitude and latitude come together or not at all."""
    longitude, latitude = getattr(record, "longitude", None), getattr(record, "latitude", None)
    if (longitude is None) != (latitude is None):
        missing = "latitude" if latitude is None else "longitude"
        given = longitude if latitude is None else latitude
        return [Problem.coded(missing, "place.point_half", value=str(given), missing=missing)]
    return []


def alias_problems(record: Record) -> list[Problem]:
    """Return the rule a list of aliases breaks: no alias twice, none equal to the record's own name."""
    aliases = getattr(record, "aliases", ())
    if len(set(aliases)) != len(aliases):
        return [Problem.coded("aliases", "alias.twice", value=";".join(aliases))]
    return []


def organisation_problems(organisation: Organisation) -> list[Problem]:
    """Return every rule a single organisation breaks."""
    problems = point_problems(organisation) + alias_problems(organisation)
    if organisation.parent_id == organisation.id:
        problems.append(Problem.coded("parent_id", "organisation.own_parent", value=organisation.id))
    return problems
