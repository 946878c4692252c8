"""Message texts of clusters: their records, the cluster parameter and access scoped to clusters."""

from __future__ import annotations

CLUSTER_MESSAGES: dict[str, tuple[str, str]] = {
    "cluster.region_part": (
        "本地范围的每一项写作“层级:名称”，层级为 {levels}，如 city:长沙市",
        "each part of the region is <level>:<name> with level {levels}, e.g. country:CN or city:<a city as the registry names it>",
    ),
    "cluster.region_country": (
        "country: 后须为两位国家代码（ISO 3166-1），如 country:CN",
        "country: takes a two-letter country code (ISO 3166-1), e.g. country:CN",
    ),
    "cluster.region_twice": ("本地范围中同一项列了两次", "a part of the region is listed twice"),
    "cluster.unknown": (
        "没有编号为“{cluster}”的集群；已有：{known}",
        "no cluster with id {cluster}; known clusters: {known}",
    ),
    "cluster.none": ("登记库中还没有集群", "the registry holds no cluster yet"),
    "cluster.not_yours": (
        "您的账户只能查看这些集群：{clusters}",
        "your account may see these clusters only: {clusters}",
    ),
    "cluster.default_twice": (
        "只能有一个默认集群：{clusters} 都标为默认",
        "only one cluster can be the default: {clusters} are all marked default",
    ),
    "cluster.default_delete": (
        "不能删除默认集群 {cluster}；请先将另一个集群设为默认",
        "cannot delete the default cluster {cluster}; make another cluster the default first",
    ),
}
