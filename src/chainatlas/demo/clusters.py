"""The demo's clusters: Changsha's construction-machinery cluster (the default) and a synthetic second one.

The second cluster is an example of a registry holding several clusters: the components makers of Zhuzhou and
Xiangtan (region the two cities, chain subtree U, upstream). Its own firms and their purchases are generated
here, after every other kind, with a generator of their own, so the rows generated before do not change. Its
firms buy their inputs from suppliers that already supply Changsha's cluster firms, so the two clusters share
suppliers.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable

from chainatlas.demo import vocab
from chainatlas.demo.firms import Firm, Registry, chinese_word, credit_code, domestic_name, fresh_word, unique_name
from chainatlas.demo.supply import MIN_SPEND, Link, inputs_of
from chainatlas.domain.cluster import Location, in_region, is_member
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
CHANGSHA = "changsha-cm"
SECOND = "zhutan-parts-demo"
SECOND_ROOT = "U"
_MIIT = (
    "cluster: 长沙工程机械 named a national advanced-manufacturing cluster (MIIT, 2021-03), Hunan gov. news "
    "http://acorahome.com/hnszf/hnyw/20180408_sxhy/dlsssgsxzl/yxbd/202103/t20210324_15073010.html ; People's Daily "
    "Online 2021-12-07 http://en.people.cn/n3/2021/1207/c90000-9929728.html ; region (city:长沙市) and the whole "
    "taxonomy as its subtree: synthetic (editorial)"
)
_ZHUZHOU = vocab.Place("湖南省", "株洲市", "", "", "430200", "Zhuzhou")
_XIANGTAN = vocab.Place("湖南省", "湘潭市", "", "", "430300", "Xiangtan")
NEW_MAKERS: tuple[tuple[vocab.Place, str], ...] = (
    (_ZHUZHOU, "U.HYD.CYL.BOOM"),
    (_ZHUZHOU, "U.STR.BOOM"),
    (_XIANGTAN, "U.STR.FRAME"),
    (_ZHUZHOU, "U.TRN.RED.TRAVEL"),
    (_XIANGTAN, "U.CAB.SHELL"),
    (_ZHUZHOU, "U.HYD.VALVE.BAL"),
)
"""The second cluster's own synthetic component makers: where each is and what it makes."""


def cluster_rows() -> list[Row]:
    """Return the two clusters: Changsha's (default, sourced as a cluster) and the synthetic second one."""
    return [
        {
            "id": CHANGSHA,
            "name_zh": "长沙工程机械产业集群",
            "name_en": "Changsha construction-machinery cluster",
            "region": ("city:长沙市",),
            "root_code": None,
            "is_default": True,
            "source": _MIIT,
        },
        {
            "id": SECOND,
            "name_zh": "示例：株洲—湘潭工程机械零部件集群（合成数据）",
            "name_en": "Example: Zhuzhou–Xiangtan components cluster (synthetic data)",
            "region": ("city:株洲市", "city:湘潭市"),
            "root_code": SECOND_ROOT,
            "is_default": False,
            "source": SYNTHETIC,
        },
    ]


def _namer(rng: random.Random, word: tuple[str, str], place: vocab.Place, node: str) -> Callable[[], tuple[str, str]]:
    return lambda: domestic_name(rng, word, place, node)


def new_makers(reg: Registry) -> list[Firm]:
    """Create the second cluster's own component makers (in the registry, after every other firm)."""
    rng = reg.rng
    made: list[Firm] = []
    for place, node in NEW_MAKERS:
        word = fresh_word(reg, chinese_word)
        zh, en = unique_name(reg, _namer(rng, word, place, node))
        founded = round(rng.triangular(1998, 2020, 2010))
        firm = Firm(reg.next_id(), zh, en, "domestic", "CN", place, founded, 1.0, word)
        firm.unified_code = credit_code(reg, place.region, founded)
        reg.firms.append(firm)
        reg.make(firm, node)
        firm.output[node] = rng.uniform(0.6e8, 2.5e8)
        made.append(firm)
    return made


def shared_purchases(rng: random.Random, firms: list[Firm], links: list[Link], local: set[str]) -> list[Link]:
    """Let each new maker buy its inputs from one or two suppliers of Changsha's cluster firms (a Zhuzhou or
    Xiangtan one first, where one makes the input), within what those suppliers have left to sell (their output
    less their active sales)."""
    sold: dict[tuple[str, str], float] = defaultdict(float)
    pools: dict[str, dict[str, Firm]] = defaultdict(dict)
    for link in links:
        if link.until is None:
            sold[(link.supplier.id, link.node)] += link.value
        if link.customer.id in local:
            pools[link.node][link.supplier.id] = link.supplier
    bought: list[Link] = []
    for firm in firms:
        node = firm.nodes[0]
        inputs = inputs_of(node)
        for leaf in inputs:
            spend = firm.output[node] * 0.45 / len(inputs)
            pool = sorted(pools.get(leaf, {}).values(), key=lambda f: f.id)
            near = [f for f in pool if f.place in (_ZHUZHOU, _XIANGTAN)][:1]
            others = [f for f in pool if f not in near]
            for supplier in near + rng.sample(others, min(2 - len(near), len(others))):
                room = supplier.output[leaf] - sold[(supplier.id, leaf)]
                points = int(min(spend * rng.uniform(0.2, 0.45), room * 0.5) / spend * 10000)
                if points < 1 or spend * points / 10000 < MIN_SPEND:
                    continue
                value = spend * points / 10000
                sold[(supplier.id, leaf)] += value
                since = rng.randint(max(2012, firm.founded or 2012, supplier.founded or 2012), 2025)
                confidence = round(rng.uniform(0.5, 1.0), 2)
                bought.append(Link(supplier, firm, leaf, value, points, since, None, confidence, False, SYNTHETIC))
    return bought


def location_of(row: Row) -> Location:
    """Return an enterprise row's location, as cluster regions compare it."""
    parts = [row.get(level) for level in ("country", "province", "city", "district", "park")]
    return Location(*(str(part) if part else None for part in parts))


def membership_rows(enterprises: list[Row], makes: list[Row], links: list[Row]) -> list[Row]:
    """Return the explicit memberships: Changsha's association leaves out one local machine buyer and takes in
    the Zhuzhou or Xiangtan components maker that sells most to its firms (both synthetic examples)."""
    changsha = {str(r["id"]) for r in enterprises if in_region(("city:长沙市",), location_of(r))}
    made: dict[str, list[str]] = defaultdict(list)
    for make in makes:
        made[str(make["enterprise_id"])].append(str(make["node_code"]))
    buyers = sorted(i for i in changsha if made.get(i) and all(code.startswith("D") for code in made[i]))
    sales: dict[str, float] = defaultdict(float)
    neighbours = {str(r["id"]) for r in enterprises if str(r["city"]) in ("株洲市", "湘潭市")}
    for link in links:
        if link["supplier_id"] in neighbours and link["customer_id"] in changsha:
            sales[str(link["supplier_id"])] += float(str(link["annual_value_cny"]))
    top = max(sorted(sales), key=lambda i: sales[i])
    return [
        {"cluster_id": CHANGSHA, "enterprise_id": buyers[0], "included": False, "source": SYNTHETIC},
        {"cluster_id": CHANGSHA, "enterprise_id": top, "included": True, "source": SYNTHETIC},
    ]


def members(cluster: Row, enterprises: list[Row], makes: Iterable[Row], explicit: list[Row]) -> set[str]:
    """Return a cluster's members by brute force: its explicit rows, else its region and chain subtree."""
    root = cluster["root_code"]
    on_subtree = {
        str(m["enterprise_id"])
        for m in makes
        if root is None or m["node_code"] == root or str(m["node_code"]).startswith(f"{root}.")
    }
    said = {str(m["enterprise_id"]): bool(m["included"]) for m in explicit if m["cluster_id"] == cluster["id"]}
    region = tuple(str(part) for part in cluster["region"])  # type: ignore[attr-defined]
    return {
        str(r["id"])
        for r in enterprises
        if is_member(
            explicit=said.get(str(r["id"])),
            in_its_region=in_region(region, location_of(r)),
            makes_on_subtree=root is None or str(r["id"]) in on_subtree,
        )
    }


def _active(link: Row, year: int) -> bool:
    until = link["until"]
    return int(str(link["since"])) <= year and (until is None or int(str(until)) > year)


def indicator_rows(cluster: set[str], makes: list[Row], links: list[Row]) -> list[Row]:
    """Return the second cluster's synthetic series, 2020–2025: its members' output on its subtree (today's
    output, 7 % a year less going back) and its local supporting rate (by value, links active each year)."""
    output = sum(
        float(str(m["annual_output_cny"]))
        for m in makes
        if m["enterprise_id"] in cluster and str(m["node_code"]).startswith(f"{SECOND_ROOT}.")
    )
    rows: list[Row] = []
    for year in range(2020, 2026):
        bought = [link for link in links if link["customer_id"] in cluster and _active(link, year)]
        total = sum(float(str(link["annual_value_cny"])) for link in bought)
        local = sum(float(str(link["annual_value_cny"])) for link in bought if link["supplier_id"] in cluster)
        values = [("components_output", f"{output / 1e8 / 1.07 ** (2025 - year):.1f}", "亿元")]
        values += [("local_supporting_rate", f"{100 * local / total:.1f}", "%")] if total else []
        for metric, value, unit in values:
            scope = f"cluster:{SECOND}"
            rows.append({"metric": metric, "scope": scope, "period": str(year), "value": value, "unit": unit})
            rows[-1]["source"] = SYNTHETIC
    return rows


def target_rows(indicators: list[Row]) -> list[Row]:
    """Return the second cluster's synthetic targets: output +15 % by 2027, local rate +10 points by 2030, each
    from its 2020 value as baseline."""
    found = {(r["metric"], r["period"]): r for r in indicators if r["scope"] == f"cluster:{SECOND}"}
    plans = (("components_output", "2027", 1.15, 0.0, "亿元"), ("local_supporting_rate", "2030", 1.0, 10.0, "%"))
    return [
        {
            "metric": metric,
            "scope": f"cluster:{SECOND}",
            "target_period": period,
            "target_value": f"{float(str(found[(metric, '2025')]['value'])) * factor + step:.1f}",
            "unit": unit,
            "baseline_period": "2020",
            "baseline_value": found[(metric, "2020")]["value"],
            "source": SYNTHETIC,
        }
        for metric, period, factor, step, unit in plans
        if (metric, "2025") in found and (metric, "2020") in found
    ]
