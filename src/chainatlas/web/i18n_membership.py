"""Labels of an enterprise's cluster memberships on its page (which clusters it is in, and how), in Chinese and
English."""

from __future__ import annotations

MEMBERSHIP_LABELS: dict[str, tuple[str, str]] = {
    "membership.title": ("所属集群", "Clusters"),
    "membership.lead": (
        "企业是否属于某个集群：集群的成员记录优先；没有记录时，看企业所在地是否在集群的本地范围内、是否生产集群产业链范围内的产品。",
        "Whether the enterprise is in each cluster: a membership row of the cluster decides; without one, its "
        "location must be in the cluster's region and it must make something on the cluster's chain subtree.",
    ),
    "membership.cluster": ("集群", "Cluster"),
    "membership.member": ("集群内", "In the cluster"),
    "membership.why": ("依据", "Why"),
    "membership.included": ("成员记录：纳入", "Membership row: included"),
    "membership.excluded": ("成员记录：排除", "Membership row: excluded"),
    "membership.by_rule": ("所在地在本地范围内，且生产范围内的产品", "Located in the region and makes on the subtree"),
    "membership.outside_region": ("所在地不在本地范围内", "Located outside the region"),
    "membership.off_subtree": (
        "在本地范围内，但不生产产业链范围内的产品",
        "In the region but makes nothing on the subtree",
    ),
}
