"""Column specs of the interchange format: headers in English and Chinese, and how a cell reads.

The order of each kind's columns is the order exports write them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cell(StrEnum):
    """How a cell's text becomes a value for the domain model."""

    TEXT = "text"
    BOOL = "bool"
    LIST = "list"
    DECIMAL = "decimal"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    SEGMENT = "segment"
    SIZE = "size"
    COUNTRY = "country"
    PROJECT_KIND = "project_kind"
    PLATFORM_KIND = "platform_kind"
    PLATFORM_LEVEL = "platform_level"


@dataclass(frozen=True)
class Column:
    """One column of a kind's file."""

    name: str
    header_zh: str
    cell: Cell = Cell.TEXT


def _c(name: str, header_zh: str, cell: Cell = Cell.TEXT) -> Column:
    return Column(name, header_zh, cell)


SOURCE = _c("source", "来源")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "chain_nodes": (
        _c("code", "编码"),
        _c("parent_code", "上级编码"),
        _c("name_zh", "名称"),
        _c("name_en", "英文名称"),
        _c("segment", "环节", Cell.SEGMENT),
        _c("key_technology", "卡脖子", Cell.BOOL),
        SOURCE,
    ),
    "enterprises": (
        _c("id", "企业编号"),
        _c("name_zh", "企业名称"),
        _c("name_en", "英文名称"),
        _c("unified_code", "统一社会信用代码"),
        _c("country", "国家", Cell.COUNTRY),
        _c("province", "省"),
        _c("city", "市"),
        _c("district", "区县"),
        _c("park", "园区"),
        _c("in_cluster", "集群内", Cell.BOOL),
        _c("size_class", "规模", Cell.SIZE),
        _c("tags", "标签", Cell.LIST),
        _c("founded", "成立年份", Cell.INT),
        _c("employees", "员工数", Cell.INT),
        _c("parent_id", "上级集团"),
        _c("listed_code", "股票代码"),
        SOURCE,
    ),
    "enterprise_nodes": (
        _c("enterprise_id", "企业编号"),
        _c("node_code", "环节编码"),
        _c("annual_output_cny", "年产值", Cell.DECIMAL),
        _c("capacity", "产能", Cell.DECIMAL),
        _c("capacity_unit", "产能单位"),
        SOURCE,
    ),
    "supply_links": (
        _c("supplier_id", "供应商"),
        _c("customer_id", "客户"),
        _c("node_code", "环节编码"),
        _c("annual_value_cny", "年采购额", Cell.DECIMAL),
        _c("share", "占比", Cell.FLOAT),
        _c("since", "起始年份", Cell.INT),
        _c("until", "终止年份", Cell.INT),
        _c("confidence", "可信度", Cell.FLOAT),
        _c("confidential", "保密", Cell.BOOL),
        _c("evidence", "依据"),
        SOURCE,
    ),
    "indicators": (
        _c("metric", "指标"),
        _c("scope", "范围"),
        _c("period", "期间"),
        _c("value", "值", Cell.DECIMAL),
        _c("unit", "单位"),
        SOURCE,
    ),
    "targets": (
        _c("metric", "指标"),
        _c("scope", "范围"),
        _c("target_period", "目标期间"),
        _c("target_value", "目标值", Cell.DECIMAL),
        _c("unit", "单位"),
        _c("baseline_period", "基期"),
        _c("baseline_value", "基期值", Cell.DECIMAL),
        SOURCE,
    ),
    "projects": (
        _c("id", "项目编号"),
        _c("name_zh", "项目名称"),
        _c("name_en", "英文名称"),
        _c("owner_id", "业主企业"),
        _c("kind", "类型", Cell.PROJECT_KIND),
        _c("planned_investment_cny", "计划投资", Cell.DECIMAL),
        _c("start", "开工日期", Cell.DATE),
        _c("planned_finish", "计划竣工", Cell.DATE),
        _c("planned_capacity", "设计产能", Cell.DECIMAL),
        _c("capacity_unit", "产能单位"),
        SOURCE,
    ),
    "milestones": (
        _c("project_id", "项目编号"),
        _c("name", "名称"),
        _c("planned_date", "计划日期", Cell.DATE),
        _c("actual_date", "实际日期", Cell.DATE),
        SOURCE,
    ),
    "project_progress": (
        _c("project_id", "项目编号"),
        _c("period", "期间"),
        _c("investment_completed_cny", "累计完成投资", Cell.DECIMAL),
        _c("capacity_reached", "已达产能", Cell.DECIMAL),
        SOURCE,
    ),
    "brands": (
        _c("id", "品牌编号"),
        _c("name_zh", "品牌名称"),
        _c("name_en", "英文名称"),
        _c("owner_id", "所属企业"),
        SOURCE,
    ),
    "brand_rankings": (
        _c("brand_id", "品牌编号"),
        _c("ranking", "榜单"),
        _c("year", "年份", Cell.INT),
        _c("rank", "名次", Cell.INT),
        SOURCE,
    ),
    "innovation_platforms": (
        _c("id", "平台编号"),
        _c("name_zh", "平台名称"),
        _c("name_en", "英文名称"),
        _c("kind", "平台类型", Cell.PLATFORM_KIND),
        _c("level", "级别", Cell.PLATFORM_LEVEL),
        _c("owner_id", "依托企业"),
        _c("year", "认定年份", Cell.INT),
        SOURCE,
    ),
}

KIND_NAMES_ZH: dict[str, str] = {
    "产业链环节": "chain_nodes",
    "企业": "enterprises",
    "企业环节": "enterprise_nodes",
    "供应关系": "supply_links",
    "指标观测": "indicators",
    "指标": "indicators",
    "目标": "targets",
    "重点项目": "projects",
    "项目": "projects",
    "里程碑": "milestones",
    "项目进度": "project_progress",
    "品牌": "brands",
    "品牌排名": "brand_rankings",
    "创新平台": "innovation_platforms",
}


def header_map(kind: str) -> dict[str, Column]:
    """Return every accepted header of a kind (English, Chinese, any case) mapped to its column."""
    mapping: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        mapping[column.name.lower()] = column
        mapping[column.header_zh] = column
    return mapping
