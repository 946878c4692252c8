"""The example row of each kind's import template: what a filled-in row looks like, cell by cell.

A template (`templates.py`) writes it as row 2 of the sheet; the reader skips row 2 of a workbook or CSV while it
is exactly this example (`read.py`), so a template imports back unchanged, and an example row a person edits is
data like any other. Values are cell texts as the reader gives them (booleans and enumerations in Chinese).
"""

from __future__ import annotations

from functools import cache

from chainatlas.interchange.columns import COLUMNS

SOURCE = "三一重工2024年年度报告"
EXAMPLES: dict[str, dict[str, str]] = {
    "chain_nodes": {
        "code": "U.HYD.PUMP",
        "parent_code": "U.HYD",
        "name_zh": "液压泵",
        "name_en": "Hydraulic pumps",
        "segment": "上游",
        "key_technology": "是",
        "source": "湖南省工程机械产业链图谱（2023）",
    },
    "enterprises": {
        "id": "E0001",
        "name_zh": "三一重工股份有限公司",
        "name_en": "Sany Heavy Industry Co., Ltd.",
        "unified_code": "91430100MA4L0ABCDT",
        "country": "中国",
        "province": "湖南省",
        "city": "长沙市",
        "district": "长沙县",
        "park": "长沙经济技术开发区",
        "in_cluster": "是",
        "size_class": "大型",
        "tags": "上市;链主",
        "founded": "1994",
        "employees": "25000",
        "listed_code": "600031.SH",
        "export_share": "0.35",
        "source": SOURCE,
    },
    "clusters": {
        "id": "changsha_cm",
        "name_zh": "长沙工程机械产业集群",
        "name_en": "Changsha construction-machinery cluster",
        "region": "city:长沙市;park:长沙经济技术开发区",
        "is_default": "是",
        "source": "长沙市工程机械行业协会",
    },
    "cluster_members": {"cluster_id": "changsha_cm", "enterprise_id": "E0001", "included": "是", "source": SOURCE},
    "enterprise_nodes": {
        "enterprise_id": "E0001",
        "node_code": "M.CON.MIXER",
        "annual_output_cny": "3003938462.35",
        "capacity": "5000",
        "capacity_unit": "台/年",
        "source": SOURCE,
    },
    "supply_links": {
        "supplier_id": "E0005",
        "customer_id": "E0001",
        "node_code": "U.HYD.PUMP",
        "annual_value_cny": "4333356.81",
        "share": "0.26",
        "since": "2015",
        "confidence": "0.8",
        "confidential": "否",
        "evidence": "2024年采购合同",
        "source": SOURCE,
    },
    "indicators": {
        "metric": "above_scale_output",
        "scope": "cluster",
        "period": "2024",
        "value": "3100",
        "unit": "亿元",
        "source": "长沙市2024年国民经济和社会发展统计公报",
    },
    "targets": {
        "metric": "cm_output",
        "scope": "cluster",
        "target_period": "2027",
        "target_value": "5000",
        "unit": "亿元",
        "baseline_period": "2024",
        "baseline_value": "3100",
        "source": "长沙市工程机械产业集群发展规划",
    },
    "projects": {
        "id": "P01",
        "name_zh": "中联智慧产业城",
        "name_en": "Zoomlion Smart Industry City",
        "owner_id": "E0002",
        "kind": "制造",
        "planned_investment_cny": "23000000000",
        "start": "2019-01-20",
        "planned_finish": "2026-12-31",
        "source": "中联重科2024年年度报告",
    },
    "milestones": {"project_id": "P01", "name": "主体厂房封顶", "planned_date": "2025-06-30", "source": SOURCE},
    "project_progress": {
        "project_id": "P01",
        "period": "2024-Q4",
        "investment_completed_cny": "906790000",
        "source": "中联重科2024年年度报告",
    },
    "brands": {
        "id": "B0001",
        "name_zh": "三一重工",
        "name_en": "Sany Heavy Industry",
        "owner_id": "E0001",
        "source": SOURCE,
    },
    "brand_rankings": {
        "brand_id": "B0001",
        "ranking": "global_top50",
        "year": "2023",
        "rank": "5",
        "source": "《中国工程机械》全球工程机械50强（2023）",
    },
    "innovation_platforms": {
        "id": "PL001",
        "name_zh": "混凝土机械国家工程研究中心",
        "name_en": "National Engineering Research Centre of Concrete Machinery",
        "kind": "工程研究中心",
        "level": "国家级",
        "owner_id": "E0001",
        "year": "2021",
        "source": SOURCE,
    },
    "fairs": {
        "id": "CICEE2025",
        "name_zh": "第四届长沙国际工程机械展览会",
        "name_en": "4th Changsha International Construction Equipment Exhibition",
        "edition": "4",
        "start": "2025-05-15",
        "end": "2025-05-18",
        "venue": "长沙国际会展中心",
        "first_slot": "09:30",
        "slot_minutes": "30",
        "slots_per_day": "8",
        "tables": "12",
        "timezone": "Asia/Shanghai",
        "source": "展会组委会",
    },
    "fair_participants": {
        "id": "C25-B001",
        "fair_id": "CICEE2025",
        "role": "采购商",
        "enterprise_id": "E0183",
        "name_zh": "长沙楠霁微电子科技有限公司",
        "country": "中国",
        "needs": "U.ELC.CTRL.CHIP;U.SW.EMB",
        "needs_text": "需要功率半导体（IGBT）和嵌入式控制软件",
        "available": "1;2:3-8",
        "min_meetings": "0",
        "max_meetings": "6",
        "source": "展会报名表",
    },
    "fair_preferences": {"from_id": "C25-B001", "to_id": "C25-X018", "level": "希望", "source": "展会报名表"},
    "fair_meetings": {
        "fair_id": "CICEE2025",
        "exhibitor_id": "C25-X018",
        "buyer_id": "C25-B001",
        "day": "1",
        "slot": "3",
        "table": "5",
        "score": "0.82",
        "must": "否",
        "source": "展会组委会",
    },
    "fair_attendance": {
        "exhibitor_id": "C25-X018",
        "buyer_id": "C25-B001",
        "outcome": "已洽谈",
        "note": "双方约定再次洽谈",
        "source": "展会签到记录",
    },
    "resilience_profiles": {
        "enterprise_id": "E0001",
        "demand_per_day": "11373.93",
        "capacity_per_day": "12535.59",
        "inventory": "156976.54",
        "margin_cny": "2445.73",
        "ttr_days": "46.8",
        "unit": "万元产值",
        "source": "企业调研（2024）",
    },
    "bom_lines": {
        "customer_id": "E0001",
        "node_code": "U.HYD.PUMP",
        "units_per_unit": "2",
        "source": "企业调研（2024）",
    },
}


@cache
def example_cells(kind: str) -> dict[str, str]:
    """Return a kind's example row as the reader gives it: non-empty cells by column name ({} for no example)."""
    names = {column.name for column in COLUMNS.get(kind, ())}
    return {name: text for name, text in EXAMPLES.get(kind, {}).items() if name in names}
