"""`synth --clusters K`: K clusters on places of their own (a city, every fourth a province) and a chain segment
or system, enterprises spread over those places, suppliers shared between clusters; without it, as before."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from chainatlas.domain.cluster import Cluster
from chainatlas.interchange.synth import write_synthetic

K, FIRMS, LINKS = 8, 1_500, 6_000


def rows(folder: Path, kind: str) -> list[dict[str, str]]:
    with (folder / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_clusters_have_places_and_subtrees(tmp_path: Path) -> None:
    summary = write_synthetic(tmp_path, enterprises=FIRMS, links=LINKS, seed=2, clusters=K)
    assert summary.files["clusters.csv"] == K
    found = rows(tmp_path, "clusters")
    assert [c["id"] for c in found] == [f"c{i:02d}" for i in range(1, K + 1)]
    # c01–c03 one city each, c04 a province (山西省, the 4th province), c08 黑龙江省 (the 8th)
    assert [c["region"].split(":")[0] for c in found] == ["city"] * 3 + ["province"] + ["city"] * 3 + ["province"]
    assert (found[3]["region"], found[7]["region"]) == ("province:山西省", "province:黑龙江省")
    assert [c["root_code"] for c in found] == ["S.U", "S.M", "S.D", "S.S", "S.U.01", "S.U.02", "S.U.03", "S.U.04"]
    assert {c["source"] for c in found} == {"synthetic"} and {c["is_default"] for c in found} == {"false"}
    for row in found:
        Cluster.model_validate({**row, "region": (row["region"],), "is_default": False})


def test_enterprises_fill_every_cluster_and_suppliers_serve_several(tmp_path: Path) -> None:
    write_synthetic(tmp_path, enterprises=FIRMS, links=LINKS, seed=2, clusters=K)
    regions = {c["id"]: c["region"].split(":", 1) for c in rows(tmp_path, "clusters")}
    firms = {f["id"]: f for f in rows(tmp_path, "enterprises")}

    def clusters_of(firm: dict[str, str]) -> set[str]:
        return {cid for cid, (level, value) in regions.items() if firm[level] == value}

    placed = [clusters_of(f) for f in firms.values()]
    assert all(any(cid in p for p in placed) for cid in regions)  # every region holds enterprises
    assert 0.4 < sum(1 for p in placed if p) / FIRMS < 0.6  # about half are in the clusters' places
    served: dict[str, set[str]] = defaultdict(set)
    for link in rows(tmp_path, "supply_links"):
        served[link["supplier_id"]] |= clusters_of(firms[link["customer_id"]])
    assert sum(1 for cids in served.values() if len(cids) >= 2) > 10  # suppliers shared between clusters


def test_without_clusters_the_files_are_as_before(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "a", enterprises=300, links=900, seed=4)
    write_synthetic(tmp_path / "b", enterprises=300, links=900, seed=4, clusters=0)
    assert not (tmp_path / "a" / "clusters.csv").exists()
    for name in ("enterprises", "supply_links", "enterprise_nodes"):
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()
