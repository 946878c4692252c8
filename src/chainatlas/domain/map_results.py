"""The industry map (产业地图): how a firm was placed, what the map shows of firms, districts and supply flows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAP_TAGS = ("规上", "专精特新", "链主")
"""The tags the map filters firms by."""
ZOOM_THRESHOLD = 4.0
"""At this map zoom (1 = the whole region) or closer, `aggregate=auto` gives every point."""
POINTS_AT_MOST = 2_000
"""Below this many firms, `aggregate=auto` gives every point whatever the zoom."""


class Placement(StrEnum):
    """How a firm's point on the map was found, most exact first."""

    COORDINATES = "coordinates"
    """its own longitude and latitude"""
    PARK = "park"
    """the point of the park or development zone it names (by name or alias)"""
    DISTRICT = "district"
    """the centroid of its district"""
    UNPLACED = "unplaced"
    """none of these: listed, not drawn"""


class Aggregate(StrEnum):
    """Whether the points API gives every firm or one point per park or district."""

    AUTO = "auto"
    AREA = "area"
    NONE = "none"


class MapMetric(StrEnum):
    """What the district choropleth colours by."""

    ENTERPRISES = "enterprises"
    OUTPUT = "output"
    LOCAL_RATE = "local_rate"


class FlowOrigin(StrEnum):
    """Where a supply flow comes from, seen from the cluster."""

    CLUSTER = "cluster"
    CHINA = "china"
    ABROAD = "abroad"


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS-84 point."""

    longitude: float
    latitude: float


@dataclass(slots=True)
class MapFirm:
    """One enterprise on the map: where it is, how it was placed, its segment, output, tags and membership.
    Not frozen: a map holds 100,000s of them and a frozen dataclass's __init__ is several times slower; the
    map's builder makes them once and nothing changes them."""

    id: str
    name_zh: str
    name_en: str | None
    country: str
    province: str | None
    city: str | None
    district: str | None
    park: str | None
    in_cluster: bool
    tags: tuple[str, ...]
    segment: str | None
    """The top-level chain node (L1 segment) of what it makes most of."""
    nodes: frozenset[str]
    output: float
    """Yearly output in yuan over what it makes (0 when unknown)."""
    point: Point | None
    placement: Placement
    synthetic: bool
    """Whether the firm's record (and so its point) is synthetic."""
    park_id: str | None = None
    """The park or zone its point came from (placement `park`)."""


@dataclass(frozen=True)
class MapFlow:
    """Purchases from one origin (a district of the cluster, a province elsewhere in China, a country abroad)."""

    origin: FlowOrigin
    place: str
    """The district, province or ISO country code the suppliers are in."""
    start: Point | None
    suppliers: int
    links: int
    value: float | None
    """Yuan a year; None when withheld or unknown."""
    shown: bool
    """False: fewer suppliers than the disclosure threshold, withheld from the viewer."""


@dataclass(frozen=True)
class DistrictFigure:
    """One district's figure for the choropleth (None: no data or withheld)."""

    code: str
    name: str
    enterprises: int
    output: float
    local_rate: float | None
    withheld: bool = False
