"""Clusters (产业集群): a region that counts as local and the chain subtree it covers; one registry holds many.

An enterprise is in a cluster when an explicit membership row includes it, or when no row excludes it and
its location falls in the cluster's region and (for a cluster with a subtree) it makes something on the
subtree. The registry's enterprise column `in_cluster` is the membership of the default cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from chainatlas.domain.common import Code, Problem, Record, Source, Text
from chainatlas.domain.fields import Header
from chainatlas.domain.messages import field_error

REGION_LEVELS = ("country", "province", "city", "district", "park")
"""The location fields of an enterprise a region part may name, widest first."""
_REGION_PART = re.compile(r"^(country|province|city|district|park):([^;；,，、\x00-\x1f]{1,120})$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
CLUSTER_SCOPE = "cluster"
"""The indicator and target scope of the default cluster; `cluster:<id>` names any cluster."""


def _check_region_part(value: str) -> str:
    match = _REGION_PART.match(value)
    if not match:
        raise field_error("cluster.region_part", levels="|".join(REGION_LEVELS))
    level, place = match.groups()
    if level == "country" and not _COUNTRY.match(place):
        raise field_error("cluster.region_country")
    return value


RegionPart = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_region_part)]
"""One place that counts as local: `<level>:<value>`, e.g. `city:长沙市`, `park:长沙经开区`, `country:CN`."""


class Cluster(Record):
    """An industry cluster: the places that count as local and the part of the chain taxonomy it covers."""

    id: Annotated[Code, Header("集群编号", label_en="Cluster id")]
    name_zh: Annotated[Text, Header("集群名称", label_en="Chinese name")]
    name_en: Annotated[Text | None, Header("英文名称", label_en="English name")] = None
    region: Annotated[tuple[RegionPart, ...], Header("本地范围", label_en="Local region")] = ()
    root_code: Annotated[Code | None, Header("产业链范围", label_en="Chain subtree")] = None
    is_default: Annotated[bool, Header("默认集群", label_en="Default cluster")] = False
    source: Annotated[Source, Header("来源")]


class ClusterMember(Record):
    """An explicit membership: an enterprise included in or excluded from a cluster whatever its location."""

    cluster_id: Annotated[Code, Header("集群编号", label_en="Cluster id")]
    enterprise_id: Annotated[Code, Header("企业编号")]
    included: Annotated[bool, Header("纳入", label_en="Included")] = True
    source: Annotated[Source, Header("来源")]


def cluster_problems(cluster: Cluster) -> list[Problem]:
    """Return every rule a single cluster breaks."""
    if len(set(cluster.region)) != len(cluster.region):
        return [Problem.coded("region", "cluster.region_twice", value=";".join(cluster.region))]
    return []


def member_problems(member: ClusterMember) -> list[Problem]:
    """Return every rule a single membership breaks (none beyond its fields and references)."""
    return []


def scope_of(cluster_id: str, *, is_default: bool) -> tuple[str, ...]:
    """Return the indicator scopes that stand for a cluster (the default one also answers to `cluster`)."""
    own = f"{CLUSTER_SCOPE}:{cluster_id}"
    return (CLUSTER_SCOPE, own) if is_default else (own,)


@dataclass(frozen=True)
class Location:
    """Where an enterprise is, as the region parts compare it."""

    country: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    park: str | None = None

    def parts(self) -> set[str]:
        """Return the `<level>:<value>` parts this location answers to."""
        return {f"{level}:{value}" for level in REGION_LEVELS if (value := getattr(self, level))}


def in_region(region: Iterable[str], location: Location) -> bool:
    """Return whether a location falls in a region (any of its parts matches; an empty region holds nothing)."""
    return not location.parts().isdisjoint(region)


def is_member(*, explicit: bool | None, in_its_region: bool, makes_on_subtree: bool) -> bool:
    """Return an enterprise's membership: an explicit row decides; otherwise region and subtree together."""
    if explicit is not None:
        return explicit
    return in_its_region and makes_on_subtree
