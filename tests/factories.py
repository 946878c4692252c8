"""Small hand-made interchange files for tests (every value chosen by hand, all synthetic)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from chainatlas.domain.user import Role, User
from chainatlas.interchange.columns import COLUMNS

# 91350100M000100Y43 is the worked example of GB 32100-2015; the second code was checked by hand:
# 9·1+1·3+4·9+3·27+0·19+1·26+0·16+0·17+M(21)·20+A(10)·29+4·25+L(20)·13+0·8+A(10)·24+B(11)·10+C(12)·30+1·28
# = 1963; 1963 mod 31 = 10; 31 − 10 = 21 → "M".
VALID_CODE = "91350100M000100Y43"
VALID_CODE_2 = "91430100MA4L0ABC1M"

NODES = [
    {"code": "U", "name_zh": "上游", "name_en": "Upstream", "segment": "upstream", "source": "synthetic"},
    {
        "code": "U.HYD",
        "parent_code": "U",
        "name_zh": "液压件",
        "segment": "upstream",
        "key_technology": "true",
        "source": "synthetic",
    },
    {"code": "M", "name_zh": "中游", "segment": "midstream", "source": "synthetic"},
    {"code": "M.EXC", "parent_code": "M", "name_zh": "挖掘机", "segment": "midstream", "source": "synthetic"},
]
ENTERPRISES = [
    {
        "id": "E1",
        "name_zh": "长沙甲机械有限公司",
        "country": "CN",
        "city": "长沙",
        "in_cluster": "true",
        "unified_code": VALID_CODE,
        "tags": "规上;链主",
        "source": "synthetic",
    },
    {
        "id": "E2",
        "name_zh": "乙液压",
        "country": "DE",
        "in_cluster": "false",
        "unified_code": VALID_CODE_2,
        "source": "synthetic",
    },
    {"id": "E3", "name_zh": "丙液压", "country": "CN", "in_cluster": "true", "source": "synthetic"},
]
LINKS = [
    {
        "supplier_id": "E2",
        "customer_id": "E1",
        "node_code": "U.HYD",
        "annual_value_cny": "600000.00",
        "share": "0.6",
        "source": "synthetic",
    },
    {
        "supplier_id": "E3",
        "customer_id": "E1",
        "node_code": "U.HYD",
        "annual_value_cny": "400000.00",
        "share": "0.4",
        "source": "synthetic",
    },
]


SECOND_CLUSTER = {
    "id": "hyd",
    "name_zh": "德国液压件集群",
    "name_en": "German hydraulics cluster",
    "region": "country:DE",
    "root_code": "U",
    "source": "synthetic",
}
"""A second cluster: local is Germany, the chain below U. E2 (DE, makes U.HYD) is local to it and outside the
default cluster; E1 and E3 are local to the default cluster (their in_cluster) and outside this one."""
SECOND_CLUSTER_MAKES = [{"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"}]


def write_csv(
    path: Path,
    kind: str,
    rows: Sequence[dict[str, str]],
    *,
    encoding: str = "utf-8-sig",
    headers: list[str] | None = None,
) -> Path:
    """Write rows of a kind as CSV with every column of the format (or the given headers)."""
    names = headers or [column.name for column in COLUMNS[kind]]
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            writer.writerow([row.get(name, "") for name in names])
    return path


def write_basic(folder: Path) -> Path:
    """Write the three basic files (nodes, enterprises, links) into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "chain_nodes.csv", "chain_nodes", NODES)
    write_csv(folder / "enterprises.csv", "enterprises", ENTERPRISES)
    write_csv(folder / "supply_links.csv", "supply_links", LINKS)
    return folder


def write_two_clusters(folder: Path) -> Path:
    """Write the basic files and the second cluster (with what E2 makes) into a folder and return it."""
    write_basic(folder)
    write_csv(folder / "clusters.csv", "clusters", [SECOND_CLUSTER])
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", SECOND_CLUSTER_MAKES)
    return folder


def admin_user() -> User:
    """Return an admin user (who may read every kind), for service calls such as exports."""
    return User(id=0, username="admin", role=Role.ADMIN)
