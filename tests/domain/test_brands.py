"""Brand and platform records: their rules, and their Chinese cell words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chainatlas.domain.brand import BrandRanking, ranking_problems
from chainatlas.domain.platform import InnovationPlatform
from chainatlas.interchange.cells import CellError, read_cell
from chainatlas.interchange.columns import Cell


def entry(ranking: str, rank: int) -> BrandRanking:
    return BrandRanking(brand_id="B1", ranking=ranking, year=2023, rank=rank, source="synthetic")


def test_a_global_top50_rank_is_1_to_50() -> None:
    assert ranking_problems(entry("global_top50", 50)) == []
    [problem] = ranking_problems(entry("global_top50", 51))
    assert (problem.field, problem.value) == ("rank", "51") and "1–50" in problem.message
    assert ranking_problems(entry("cn_top100_components", 51)) == []  # a ranking of unknown length
    with pytest.raises(ValidationError):
        entry("Global Top 50", 5)  # ranking names are lower-case codes
    with pytest.raises(ValidationError):
        entry("global_top50", 0)


def test_platform_kinds_and_levels_read_in_chinese_or_english() -> None:
    assert read_cell(Cell.PLATFORM_KIND, "企业技术中心") == "enterprise_technology_centre"
    assert read_cell(Cell.PLATFORM_KIND, "工程技术研究中心") == "engineering_research_centre"
    assert read_cell(Cell.PLATFORM_KIND, "Key_Laboratory") == "key_laboratory"
    assert read_cell(Cell.PLATFORM_LEVEL, "国家级") == "national"
    with pytest.raises(CellError, match="municipal/national/provincial"):
        read_cell(Cell.PLATFORM_LEVEL, "县级")
    platform = InnovationPlatform(id="PL1", name_zh="甲", kind="key_laboratory", level="provincial", source="x")
    assert platform.owner_id is None and platform.year is None
