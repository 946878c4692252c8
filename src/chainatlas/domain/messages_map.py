"""Message texts of the industry map: unknown nodes and firms, filters, placing a firm, points off their district."""

from __future__ import annotations

MAP_MESSAGES: dict[str, tuple[str, str]] = {
    "map.node_unknown": ("没有编码为“{node}”的产业链环节", "no chain node with code {node}"),
    "map.firm_unknown": ("地图上没有编号为“{firm}”的企业", "no enterprise with id {firm} on this map"),
    "map.membership": ("集群范围须为 all、in 或 out", "membership is all, in or out"),
    "map.aggregate": ("aggregate 须为 auto、area 或 none", "aggregate is auto, area or none"),
    "map.metric": (
        "分级设色指标须为 enterprises、output 或 local_rate",
        "the choropleth metric is enterprises, output or local_rate",
    ),
    "map.place_fields": (
        "定位企业须给出经纬度，或园区，或区县",
        "place a firm by its longitude and latitude, its park or its district",
    ),
    "map.point_outside": (
        "坐标（{point}）不在所填区县“{district}”内，请核对",
        "the point ({point}) lies outside the stated district {district}; check it",
    ),
    "map.point_swapped": (
        "坐标（{point}）不在所填区县“{district}”内，经纬度可能填反了",
        "the point ({point}) lies outside the stated district {district}: longitude and latitude look swapped",
    ),
}
