"""Counts that are targets too, from a small registry counted by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chainatlas.analytics.registry_counts import registry_counts, with_registry_counts
from chainatlas.analytics.scorecard import is_synthetic_source
from chainatlas.domain.brand import Brand, BrandRanking
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.platform import InnovationPlatform

REAL = "https://example.org/list"


def firm(eid: str, tags: tuple[str, ...], *, inside: bool = True, source: str = "synthetic") -> Enterprise:
    return Enterprise(id=eid, name_zh=eid, country="CN", in_cluster=inside, tags=tags, source=source)


FIRMS = [
    firm("E1", ("规上", "链主"), source=REAL),
    firm("E2", ("规上", "专精特新")),
    firm("E3", ("专精特新", "小巨人")),
    firm("E4", ("小巨人",)),  # a little giant is a specialised SME even without the tag
    firm("E5", ("规上", "专精特新", "小巨人", "链主"), inside=False),  # outside: never counted
    firm("E6", ()),
]
BRANDS = [
    Brand(id="B1", name_zh="甲", owner_id="E1", source=REAL),
    Brand(id="B2", name_zh="乙", owner_id="E2", source="synthetic"),
    Brand(id="B3", name_zh="丙", owner_id="E5", source="synthetic"),  # owner outside the cluster
    Brand(id="B4", name_zh="丁", source="synthetic"),  # no owner recorded: the cluster's own
]


def rank(brand: str, year: int, place: int, ranking: str = "global_top50") -> BrandRanking:
    return BrandRanking(brand_id=brand, ranking=ranking, year=year, rank=place, source=REAL)


RANKINGS = [
    rank("B1", 2022, 7),
    rank("B1", 2023, 5),
    rank("B2", 2023, 49),
    rank("B3", 2023, 10),
    rank("B4", 2023, 30),
    rank("B2", 2024, 45),
    rank("B2", 2023, 3, "china_top100"),
]


def platform(pid: str, level: str, owner: str | None, year: int | None) -> InnovationPlatform:
    return InnovationPlatform(
        id=pid,
        name_zh=pid,
        kind="enterprise_technology_centre",
        level=level,
        owner_id=owner,
        year=year,
        source="synthetic",
    )


PLATFORMS = [
    platform("P1", "national", "E1", 2015),
    platform("P2", "national", "E5", 2016),  # owner outside
    platform("P3", "provincial", "E2", 2020),
    platform("P4", "provincial", None, None),  # undated, no owner: counted
    platform("P5", "provincial", "E3", 2024),  # recognised after 2023
    platform("P6", "national", "E6", 2023),
    platform("P7", "municipal", "E1", 2019),  # municipal: neither count
]


def counted(as_of: dt.date) -> dict[str, tuple[str, Decimal]]:
    found = registry_counts(enterprises=FIRMS, brands=BRANDS, rankings=RANKINGS, platforms=PLATFORMS, as_of=as_of)
    assert all(i.scope == "cluster" for i in found)
    return {i.metric: (i.period, i.value) for i in found}


def test_counts_at_the_end_of_2023_match_a_hand_count() -> None:
    assert counted(dt.date(2023, 12, 31)) == {
        "enterprises_above_scale": ("2023", 2),  # E1, E2
        "chain_leaders": ("2023", 1),  # E1
        "specialised_smes": ("2023", 3),  # E2, E3, E4
        "little_giants": ("2023", 2),  # E3, E4
        "global_top50_brands": ("2023", 3),  # the 2023 list: B1, B2, B4 (B3's owner is outside)
        "national_platforms": ("2023", 2),  # P1, P6
        "provincial_platforms": ("2023", 2),  # P3, P4
    }


def test_counts_move_with_the_as_of_date() -> None:
    mid_2024 = counted(dt.date(2024, 6, 30))
    assert mid_2024["global_top50_brands"] == ("2024", 1)  # the 2024 list holds only B2
    assert mid_2024["provincial_platforms"] == ("2024", 3)  # P5 joins
    assert "global_top50_brands" not in counted(dt.date(2021, 12, 31))  # no list published by then


def test_a_count_is_marked_synthetic_when_synthetic_records_were_counted() -> None:
    found = registry_counts(
        enterprises=FIRMS, brands=BRANDS, rankings=RANKINGS, platforms=PLATFORMS, as_of=dt.date(2023, 12, 31)
    )
    by_metric = {i.metric: i for i in found}
    assert not is_synthetic_source(by_metric["chain_leaders"].source)  # only E1, which is sourced
    assert is_synthetic_source(by_metric["enterprises_above_scale"].source)  # E2 is synthetic
    assert by_metric["chain_leaders"].source.startswith("registry count on 2023-12-31")


def test_a_count_replaces_the_indicator_of_its_period_only() -> None:
    def above(period: str, value: int, source: str) -> Indicator:
        return Indicator(
            metric="enterprises_above_scale",
            scope="cluster",
            period=period,
            value=Decimal(value),
            unit="家",
            source=source,
        )

    indicators = [above("2022", 1, "synthetic"), above("2023", 9, "synthetic")]
    merged = with_registry_counts(indicators, [above("2023", 2, "registry count on 2023-12-31")])
    assert sorted((i.period, int(i.value)) for i in merged) == [("2022", 1), ("2023", 2)]
