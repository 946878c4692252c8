"""Labels of clusters on the pages: the picker on every page, the clusters and the comparison, in Chinese and
English."""

from __future__ import annotations

CLUSTER_LABELS: dict[str, tuple[str, str]] = {
    "cluster.picker": ("集群", "Cluster"),
    "cluster.picker_go": ("切换", "Show"),
    "cluster.default_mark": ("（默认）", " (default)"),
    "kind.clusters": ("集群", "Clusters"),
    "kind.cluster_members": ("集群成员", "Cluster members"),
    "history.kind.clusters": ("集群", "Clusters"),
    "history.kind.cluster_members": ("集群成员", "Cluster members"),
    "nav.clusters": ("集群对比", "Clusters"),
    "clusters.title": ("集群对比", "Clusters compared"),
    "clusters.lead": (
        "各集群并列比较：规模、本地配套率、关键技术环节的境外依赖、单点故障与目标完成情况。",
        "Every cluster side by side: scale, local supporting rate, foreign dependency on key technologies, single "
        "points of failure and targets.",
    ),
    "clusters.list": ("集群", "Clusters"),
    "clusters.table": ("对比", "Comparison"),
    "clusters.chart": (
        "本地配套率与关键技术境外占比（%）",
        "Local supporting rate and key-technology foreign share (%)",
    ),
    "clusters.none": ("登记库中还没有集群。", "The registry holds no cluster yet."),
    "clusters.as_of": ("目标评估日", "Targets as of"),
    "clusters.show": ("显示", "Show"),
    "clusters.suppressed": (
        "带 * 的数值涉及的供应商不足 3 家，按披露规则不予显示。",
        "Figures marked * come from fewer than 3 suppliers and are withheld by the disclosure rule.",
    ),
    "clusters.spof_not_computed": (
        "单点故障取自该集群的韧性分析；该集群的韧性页面完成分析之前显示“—”。",
        "Single points of failure come from the cluster's resilience analysis; “—” until its resilience page has run it.",
    ),
    "clusters.col_cluster": ("集群", "Cluster"),
    "clusters.col_region": ("本地范围", "Local region"),
    "clusters.col_subtree": ("产业链范围", "Chain subtree"),
    "clusters.col_members": ("成员企业", "Members"),
    "clusters.col_member_output": ("成员产值", "Members' output"),
    "clusters.col_size_classes": ("规模结构", "By size class"),
    "clusters.col_purchases": ("采购额", "Purchases"),
    "compare.local_rate_value": ("本地配套率（金额）", "Local supporting rate (value)"),
    "compare.local_rate_count": ("本地配套率（家数）", "Local supporting rate (count)"),
    "compare.key_technology_foreign_share": ("关键技术境外占比", "Key-technology foreign share"),
    "clusters.col_spof": ("单点故障", "Single points of failure"),
    "clusters.col_targets": ("目标：正常 / 有风险 / 总数", "Targets: on track / at risk / total"),
    "clusters.whole_chain": ("全产业链", "Whole chain"),
    "clusters.region_explicit": ("按名单", "By list"),
    "size.unknown": ("未填", "not given"),
    "history.action.clusters": ("改集群范围", "Clusters"),
    "admin.col.clusters": ("集群范围", "Clusters"),
    "admin.every_cluster": ("全部集群", "Every cluster"),
    "admin.clusters_form": ("集群范围", "Cluster scope"),
    "admin.field.clusters": ("可查看的集群", "Clusters the user may see"),
    "admin.clusters_note": (
        "不选则可查看全部集群。限定后，该用户只能分析这些集群，机密供应关系也只能看到本集群的；保存后其会话随即结束。",
        "None chosen: every cluster. A scoped user analyses only these clusters and sees confidential supply links "
        "of their own clusters only; saving ends their sessions.",
    ),
    "admin.clusters_submit": ("保存集群范围", "Save cluster scope"),
    "admin.clusters_saved": ("已保存集群范围，结束了 {n} 个会话。", "Cluster scope saved; {n} sessions ended."),
}
