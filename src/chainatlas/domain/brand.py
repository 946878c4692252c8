"""Brands (品牌) and their places in rankings such as the global construction-machinery top 50 (全球工程机械50强)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from chainatlas.domain.common import Code, Problem, Record, Source, Text, Year
from chainatlas.domain.fields import Header

GLOBAL_TOP50 = "global_top50"
"""The ranking the scorecard counts (`global_top50_brands`): a rank of 1–50 in a year's list."""
RANKING_SIZES = {GLOBAL_TOP50: 50}
"""Rankings whose length is known: a rank beyond it is an error."""

RankingName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class Brand(Record):
    """A brand of the cluster, owned by an enterprise of the registry (when the owner is known)."""

    id: Annotated[Code, Header("品牌编号")]
    name_zh: Annotated[Text, Header("品牌名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    owner_id: Annotated[Code | None, Header("所属企业")] = None
    source: Annotated[Source, Header("来源")]


class BrandRanking(Record):
    """A brand's place in one year's edition of a ranking (e.g. global_top50, 2023, rank 5)."""

    brand_id: Annotated[Code, Header("品牌编号")]
    ranking: Annotated[RankingName, Header("榜单")]
    year: Annotated[Year, Header("年份")]
    rank: Annotated[int, Field(ge=1, le=100_000), Header("名次")]
    source: Annotated[Source, Header("来源")]


def brand_problems(brand: Brand) -> list[Problem]:
    """Return every rule a single brand breaks (none beyond its fields' types yet)."""
    return []


def ranking_problems(entry: BrandRanking) -> list[Problem]:
    """Return every rule a single ranking entry breaks: a rank beyond the length of a known ranking."""
    size = RANKING_SIZES.get(entry.ranking)
    if size is not None and entry.rank > size:
        return [Problem.coded("rank", "brand.rank_range", value=str(entry.rank), ranking=entry.ranking, size=size)]
    return []
