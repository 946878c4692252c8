"""The synthetic registry's taxonomy, enterprises and what they make, drawn column by column.

Each table is a mapping of column name to its cells as text; `synth.write_table` writes it in the
order of the kind's interchange columns, so a column left out here is written empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from chainatlas.domain.credit_code import expected_check_character

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
Obj = NDArray[np.object_]
Table = dict[str, list[str]]
"""Column name -> that column's cells, one per row, as text."""

SOURCE = "synthetic"

_SEGMENTS = (
    (
        "U",
        "upstream",
        "上游",
        "Upstream",
        (
            ("钢材与原材料", "Steel and raw materials"),
            ("液压元件", "Hydraulic components"),
            ("电子电气", "Electronics"),
            ("基础零部件", "Basic parts"),
        ),
    ),
    (
        "M",
        "midstream",
        "中游",
        "Midstream",
        (
            ("动力系统", "Power systems"),
            ("传动系统", "Drivetrains"),
            ("控制系统", "Control systems"),
            ("结构件", "Structural parts"),
        ),
    ),
    (
        "D",
        "downstream",
        "下游",
        "Downstream",
        (
            ("挖掘机械", "Excavators"),
            ("起重机械", "Cranes"),
            ("混凝土机械", "Concrete machinery"),
            ("路面机械", "Road machinery"),
        ),
    ),
    (
        "S",
        "support",
        "配套服务",
        "Support",
        (
            ("检测认证", "Testing and certification"),
            ("工业软件", "Industrial software"),
            ("物流服务", "Logistics"),
            ("再制造", "Remanufacturing"),
        ),
    ),
)
_KEY_TECHNOLOGY = frozenset({"S.U.02.01", "S.U.03.01", "S.U.03.01.01", "S.M.01.01", "S.M.03.01", "S.S.02.01"})
_UNITS = {"upstream": "件", "midstream": "套", "downstream": "台", "support": ""}
_UNIT_PRICE = {"件": 500.0, "套": 50_000.0, "台": 800_000.0}

_CLUSTER = (
    ("长沙县", "长沙经济技术开发区", "430121"),
    ("雨花区", "雨花经济开发区", "430111"),
    ("岳麓区", "湖南湘江新区", "430104"),
    ("望城区", "望城经济技术开发区", "430112"),
    ("宁乡市", "宁乡经济技术开发区", "430182"),
    ("浏阳市", "浏阳经济技术开发区", "430181"),
    ("天心区", "", "430103"),
    ("开福区", "", "430105"),
)
_DOMESTIC = (
    ("湖南省", "株洲市", "430200"),
    ("湖南省", "湘潭市", "430300"),
    ("江苏省", "徐州市", "320300"),
    ("山东省", "济南市", "370100"),
    ("广东省", "深圳市", "440300"),
    ("上海市", "上海市", "310000"),
    ("浙江省", "宁波市", "330200"),
    ("北京市", "北京市", "110000"),
)
_FOREIGN = ("DE", "JP", "US", "KR", "IT", "SE", "FR", "GB")
_LOCATIONS: tuple[tuple[str, str, str, str, str, str, bool], ...] = (
    tuple(("CN", "湖南省", "长沙市", d, park, div, True) for d, park, div in _CLUSTER)
    + tuple(("CN", prov, city, "", "", div, False) for prov, city, div in _DOMESTIC)
    + tuple((cc, "", "", "", "", "", False) for cc in _FOREIGN)
)
_PLACE_COLUMNS = ("country", "province", "city", "district", "park")
"""What the first five items of a location are."""
_LOCATION_P = np.array([0.35 / 8] * 8 + [0.50 / 8] * 8 + [0.15 / 8] * 8)

_SIZES = ("large", "medium", "small", "micro")
_SIZE_P = (0.05, 0.15, 0.40, 0.40)
SIZE_PULL = np.array([8.0, 4.0, 2.0, 1.0])
_OUTPUT_YUAN = np.array([3e9, 2e8, 2e7, 2e6])
BUDGET_YUAN = np.array([5e8, 5e7, 5e6, 1e6])
_EMPLOYEES = np.array([[1000, 30000], [300, 999], [20, 299], [1, 19]])
_TAGS = ("规上", "专精特新", "小巨人", "高新", "链主", "上市")
_TAG_TEXT = np.array([";".join(t for b, t in enumerate(_TAGS) if m >> b & 1) for m in range(64)], dtype=object)
BOOL_TEXT = np.array(["false", "true"], dtype=object)
# Written as `str(float)`, as the exporter writes them, so synth -> import -> export is identical.
_EXPORT_TEXT = [str(h / 100) for h in range(41)]


@dataclass(frozen=True)
class Taxonomy:
    """The fixed chain taxonomy: its rows, codes, each node's unit, and the nodes firms make."""

    table: Table
    codes: Obj
    units: list[str]
    makeable: I64


@dataclass(frozen=True)
class Firms:
    """The enterprises: ids, size class (index into the size table), founding year, and their rows."""

    ids: Obj
    size: I64
    founded: I64
    table: Table


@dataclass(frozen=True)
class Making:
    """What enterprises make: firm and node indexes, and the enterprise_nodes rows."""

    firm: I64
    node: I64
    table: Table


def taxonomy() -> Taxonomy:
    """Build the fixed taxonomy: 4 segment roots, 16 systems, 48 parts, 64 products."""
    rows: list[dict[str, str]] = []
    for letter, segment, seg_zh, seg_en, systems in _SEGMENTS:
        root = f"S.{letter}"
        rows.append(_node_row(root, "", f"{seg_zh}环节", f"{seg_en} segment", segment))
        for number, (zh, en) in enumerate(systems, start=1):
            rows.extend(_system_rows(f"{root}.{number:02d}", root, zh, en, segment))
    rows.sort(key=lambda row: row["code"])
    makeable = np.array([i for i, row in enumerate(rows) if row["parent_code"]], dtype=np.int64)
    codes = np.array([row["code"] for row in rows], dtype=object)
    table = {name: [row[name] for row in rows] for name in rows[0]}
    return Taxonomy(table, codes, [_UNITS[row["segment"]] for row in rows], makeable)


def _system_rows(code: str, parent: str, zh: str, en: str, segment: str) -> list[dict[str, str]]:
    """Return an L2 system node with its L3 part types and their L4 products."""
    rows = [_node_row(code, parent, zh, en, segment)]
    for part in range(1, 4):
        part_code = f"{code}.{part:02d}"
        rows.append(_node_row(part_code, code, f"{zh}{part:02d}类", f"{en} type {part:02d}", segment))
        for item in range(1, 3 if part <= 2 else 1):
            zh_item, en_item = f"{zh}{part:02d}类产品{item:02d}", f"{en} type {part:02d} product {item:02d}"
            rows.append(_node_row(f"{part_code}.{item:02d}", part_code, zh_item, en_item, segment))
    return rows


def _node_row(code: str, parent: str, zh: str, en: str, segment: str) -> dict[str, str]:
    """Return one chain_nodes row."""
    technology = "true" if code in _KEY_TECHNOLOGY else "false"
    return {
        "code": code,
        "parent_code": parent,
        "name_zh": zh,
        "name_en": en,
        "segment": segment,
        "key_technology": technology,
        "source": SOURCE,
    }


def firms(
    rng: np.random.Generator, count: int, places: tuple[tuple[str, str, str, str, str, str, bool], ...] = ()
) -> Firms:
    """Draw every enterprise's attributes and format its columns; with `places` (the clusters'), half the
    enterprises are spread evenly over them."""
    size = ints(rng.choice(4, size=count, p=_SIZE_P))
    locations = _LOCATIONS + places
    chances = np.concatenate([_LOCATION_P * 0.5, np.full(len(places), 0.5 / len(places))]) if places else _LOCATION_P
    location = ints(rng.choice(len(locations), size=count, p=chances))
    founded = np.clip(2024 - ints(rng.exponential(14.0, count)), 1952, 2024)
    low, high = _EMPLOYEES[size, 0], _EMPLOYEES[size, 1] + 1
    employees = ints(np.exp(rng.uniform(np.log(low), np.log(high))))
    employees[rng.random(count) < 0.04] = -1
    flags = _tag_flags(rng, size, np.array([loc[6] for loc in locations])[location])
    ids = np.array([f"S{i:0{max(7, len(str(count)))}d}" for i in range(1, count + 1)], dtype=object)
    at = [locations[k] for k in location.tolist()]
    table: Table = {
        "id": ids.tolist(),
        "name_zh": [f"合成企业{ident[1:]}" for ident in ids.tolist()],
        "name_en": [f"Synthetic Enterprise {i}" for i in range(1, count + 1)],
        "unified_code": _credit_codes(rng, [place[5] for place in at]),
        **{name: [place[k] for place in at] for k, name in enumerate(_PLACE_COLUMNS)},
        "in_cluster": [BOOL_TEXT[int(place[6])] for place in at],
        "size_class": [_SIZES[sz] for sz in size.tolist()],
        "tags": _TAG_TEXT[flags @ (1 << np.arange(6))].tolist(),
        "founded": [str(year) for year in founded.tolist()],
        "employees": [str(staff) if staff >= 0 else "" for staff in employees.tolist()],
        "parent_id": _parents(rng, size, ids),
        "listed_code": _listed_codes(flags[:, 5]),
        "source": [SOURCE] * count,
    }
    table["export_share"] = _export_shares(rng, [place[0] == "CN" for place in at])
    return Firms(ids, size, founded, table)


def _export_shares(rng: np.random.Generator, domestic: list[bool]) -> list[str]:
    """Return a share of output exported (0–0.4, in hundredths) for about half the Chinese enterprises."""
    hundredths = ints(rng.integers(0, 41, len(domestic)))
    known = (rng.random(len(domestic)) < 0.5) & np.array(domestic, dtype=bool)
    return [_EXPORT_TEXT[h] if k else "" for h, k in zip(hundredths.tolist(), known.tolist(), strict=True)]


def _tag_flags(rng: np.random.Generator, size: I64, in_cluster: NDArray[np.bool_]) -> I64:
    """Return one 0/1 column per tag in `_TAGS` order."""
    r = rng.random((len(size), 5))
    above_scale = (size <= 1) | ((size == 2) & (r[:, 0] < 0.4))
    specialised = (size >= 1) & (size <= 2) & (r[:, 1] < 0.12)
    giant = specialised & (r[:, 2] < 0.25)
    high_tech = r[:, 3] < 0.25
    leader = (size == 0) & in_cluster & (r[:, 4] < 0.15)
    listed = (size == 0) & (r[:, 4] > 0.8)
    return np.stack([above_scale, specialised, giant, high_tech, leader, listed], axis=1).astype(np.int64)


def _listed_codes(listed: I64) -> list[str]:
    """Return a Shanghai stock code for each listed enterprise, '' for the others."""
    order = (np.cumsum(listed) - 1).tolist()
    return [f"{600000 + k % 100000}.SH" if flag else "" for flag, k in zip(listed.tolist(), order, strict=True)]


def _parents(rng: np.random.Generator, size: I64, ids: Obj) -> list[str]:
    """Attach about 3 % of the smaller enterprises to a large group (never to themselves)."""
    heads = np.flatnonzero(size == 0)
    parent = np.full(len(size), -1, dtype=np.int64)
    if len(heads):
        joins = (size > 0) & (rng.random(len(size)) < 0.03)
        parent[joins] = heads[rng.integers(len(heads), size=int(joins.sum()))]
    return [str(ids[p]) if p >= 0 else "" for p in parent.tolist()]


def _credit_codes(rng: np.random.Generator, divisions: list[str]) -> list[str]:
    """Return a unique valid unified social credit code per Chinese enterprise ('' if foreign)."""
    offset = int(rng.integers(10**8))
    codes = []
    for i, division in enumerate(divisions):
        body = f"{(i * 48271 + offset) % 10**8:08d}"  # 48271 is coprime to 10**8: unique bodies
        first17 = f"91{division}{body}{_organisation_check(body)}"
        codes.append(first17 + expected_check_character(first17) if division else "")
    return codes


def _organisation_check(body: str) -> str:
    """Return the GB 11714 check character of an 8-digit organisation code body."""
    total = sum(int(ch) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def making(rng: np.random.Generator, firms: Firms, taxonomy: Taxonomy) -> Making:
    """Give each enterprise 1-3 distinct non-root nodes it makes, with output and capacity."""
    count, n_nodes = len(firms.size), len(taxonomy.codes)
    popularity = rng.gamma(2.0, size=len(taxonomy.makeable))
    picks = taxonomy.makeable[rng.choice(len(popularity), size=(count, 3), p=popularity / popularity.sum())]
    wanted = ints(rng.choice(3, size=count, p=(0.55, 0.30, 0.15))) + 1
    keep = np.arange(3) < wanted[:, None]
    owners = np.broadcast_to(np.arange(count, dtype=np.int64)[:, None], (count, 3))
    keys = np.unique(owners[keep] * n_nodes + picks[keep])
    firm, node = keys // n_nodes, keys % n_nodes
    per_firm = np.bincount(firm, minlength=count)[firm]
    output = _OUTPUT_YUAN[firms.size[firm]] * rng.lognormal(0.0, 0.7, len(firm)) / per_firm
    cents = ints(np.rint(output * 100))
    cents[rng.random(len(firm)) < 0.05] = -1
    with_capacity = rng.random(len(firm)) < 0.6
    units = [taxonomy.units[n] if has else "" for n, has in zip(node.tolist(), with_capacity.tolist(), strict=True)]
    table: Table = {
        "enterprise_id": firms.ids[firm].tolist(),
        "node_code": taxonomy.codes[node].tolist(),
        "annual_output_cny": [money_text(c) for c in cents.tolist()],
        "capacity": [
            str(max(1, int(yuan / _UNIT_PRICE[unit]))) if unit else ""
            for yuan, unit in zip(output.tolist(), units, strict=True)
        ],
        "capacity_unit": units,
        "source": [SOURCE] * len(firm),
    }
    return Making(firm, node, table)


def money_text(fen: int) -> str:
    """Format an amount in fen as yuan with two decimals ('' when missing)."""
    return f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else ""


def ints(values: Any) -> I64:
    """Return `values` as an int64 array (truncating floats)."""
    return np.asarray(values).astype(np.int64)
