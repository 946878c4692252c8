"""Deterministic synthetic registry of any size as interchange CSV files, for scale tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from chainatlas.domain.credit_code import expected_check_character

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
Obj = NDArray[np.object_]

SOURCE = "synthetic"
PRESENT_YEAR = 2025
CHUNK = 50_000
MAX_ENTERPRISES = 10_000_000
DENSE_LIMIT = 5_000_000  # up to this many (pair, customer) cells a dense request enumerates them

COLUMNS: dict[str, tuple[str, ...]] = {
    "chain_nodes": ("code", "parent_code", "name_zh", "name_en", "segment", "key_technology", "source"),
    "enterprises": (
        "id",
        "name_zh",
        "name_en",
        "unified_code",
        "country",
        "province",
        "city",
        "district",
        "park",
        "in_cluster",
        "size_class",
        "tags",
        "founded",
        "employees",
        "parent_id",
        "listed_code",
        "source",
    ),
    "enterprise_nodes": ("enterprise_id", "node_code", "annual_output_cny", "capacity", "capacity_unit", "source"),
    "supply_links": (
        "supplier_id",
        "customer_id",
        "node_code",
        "annual_value_cny",
        "share",
        "since",
        "until",
        "confidence",
        "confidential",
        "evidence",
        "source",
    ),
}

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
_LOCATION_P = np.array([0.35 / 8] * 8 + [0.50 / 8] * 8 + [0.15 / 8] * 8)

_SIZES = ("large", "medium", "small", "micro")
_SIZE_P = (0.05, 0.15, 0.40, 0.40)
_SIZE_PULL = np.array([8.0, 4.0, 2.0, 1.0])
_OUTPUT_YUAN = np.array([3e9, 2e8, 2e7, 2e6])
_BUDGET_YUAN = np.array([5e8, 5e7, 5e6, 1e6])
_EMPLOYEES = np.array([[1000, 30000], [300, 999], [20, 299], [1, 19]])
_TAGS = ("规上", "专精特新", "小巨人", "高新", "链主", "上市")
_TAG_TEXT = np.array([";".join(t for b, t in enumerate(_TAGS) if m >> b & 1) for m in range(64)], dtype=object)
_EVIDENCE = np.array(["", "海关数据", "企业年报", "实地调研", "招标公告", "企业问卷"], dtype=object)
_BOOL = np.array(["false", "true"], dtype=object)
_YEAR_TEXT = np.array([str(y) for y in range(1800, 2101)] + [""], dtype=object)
# Fractions are written as `str(float)`, as the exporter writes them, so synth -> import -> export is identical.
_SHARE_TEXT = np.array([str(u / 10000) for u in range(10001)] + [""], dtype=object)
_CONFIDENCE_TEXT = np.array([str(c / 100) for c in range(101)], dtype=object)


@dataclass(frozen=True)
class SynthSummary:
    """What `write_synthetic` wrote: file name -> data rows written."""

    files: dict[str, int]


@dataclass(frozen=True)
class _Taxonomy:
    rows: list[list[str]]
    codes: Obj
    units: list[str]
    makeable: I64


@dataclass(frozen=True)
class _Firms:
    ids: Obj
    size: I64
    founded: I64
    rows: list[list[str]]


@dataclass(frozen=True)
class _Making:
    firm: I64
    node: I64
    rows: list[list[str]]


def write_synthetic(
    out_dir: Path, *, enterprises: int, links: int, seed: int, on_progress: Callable[[int], None] | None = None
) -> SynthSummary:
    """Write a deterministic synthetic registry of any size as interchange CSV files."""
    _check_arguments(enterprises, links, seed)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    taxonomy = _taxonomy()
    firms = _firms(streams[0], enterprises)
    making = _making(streams[1], firms, taxonomy)
    _check_capacity(links, len(making.firm), enterprises)
    keys = _link_keys(streams[2], firms, making, len(taxonomy.codes), links)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = (("chain_nodes", taxonomy.rows), ("enterprises", firms.rows), ("enterprise_nodes", making.rows))
    files = {f"{kind}.csv": _write_rows(out / f"{kind}.csv", kind, rows) for kind, rows in tables}
    files["supply_links.csv"] = _write_links(out / "supply_links.csv", streams[3], keys, firms, taxonomy, on_progress)
    return SynthSummary(files=files)


def _check_arguments(enterprises: int, links: int, seed: int) -> None:
    """Raise ValueError naming the first impossible argument."""
    if enterprises < 2:
        raise ValueError(f"enterprises must be at least 2 (a supplier and a customer), got {enterprises}")
    if enterprises > MAX_ENTERPRISES:
        raise ValueError(f"enterprises must be at most {MAX_ENTERPRISES}, got {enterprises}")
    if links < 0:
        raise ValueError(f"links must be zero or more, got {links}")
    if seed < 0:
        raise ValueError(f"seed must be zero or more, got {seed}")


def _check_capacity(links: int, made: int, enterprises: int) -> None:
    """Raise ValueError when more links are asked for than distinct keys exist."""
    capacity = made * (enterprises - 1)
    if links > capacity:
        raise ValueError(
            f"links={links} is more than the {capacity} distinct (supplier, customer, node) links possible "
            f"with enterprises={enterprises} ({made} enterprise-node pairs x {enterprises - 1} customers)"
        )


def _taxonomy() -> _Taxonomy:
    """Build the fixed taxonomy: 4 segment roots, 16 systems, 48 parts, 64 products."""
    rows: list[list[str]] = []
    for letter, segment, seg_zh, seg_en, systems in _SEGMENTS:
        root = f"S.{letter}"
        rows.append(_node_row(root, "", f"{seg_zh}环节", f"{seg_en} segment", segment))
        for number, (zh, en) in enumerate(systems, start=1):
            rows.extend(_system_rows(f"{root}.{number:02d}", root, zh, en, segment))
    rows.sort(key=lambda row: row[0])
    makeable = np.array([i for i, row in enumerate(rows) if row[1]], dtype=np.int64)
    codes = np.array([row[0] for row in rows], dtype=object)
    return _Taxonomy(rows, codes, [_UNITS[row[4]] for row in rows], makeable)


def _system_rows(code: str, parent: str, zh: str, en: str, segment: str) -> list[list[str]]:
    """Return an L2 system node with its L3 part types and their L4 products."""
    rows = [_node_row(code, parent, zh, en, segment)]
    for part in range(1, 4):
        part_code = f"{code}.{part:02d}"
        rows.append(_node_row(part_code, code, f"{zh}{part:02d}类", f"{en} type {part:02d}", segment))
        for item in range(1, 3 if part <= 2 else 1):
            zh_item, en_item = f"{zh}{part:02d}类产品{item:02d}", f"{en} type {part:02d} product {item:02d}"
            rows.append(_node_row(f"{part_code}.{item:02d}", part_code, zh_item, en_item, segment))
    return rows


def _node_row(code: str, parent: str, zh: str, en: str, segment: str) -> list[str]:
    """Return one chain_nodes row."""
    return [code, parent, zh, en, segment, "true" if code in _KEY_TECHNOLOGY else "false", SOURCE]


def _firms(rng: np.random.Generator, count: int) -> _Firms:
    """Draw every enterprise's attributes and format its row."""
    size = _ints(rng.choice(4, size=count, p=_SIZE_P))
    location = _ints(rng.choice(len(_LOCATIONS), size=count, p=_LOCATION_P))
    founded = np.clip(2024 - _ints(rng.exponential(14.0, count)), 1952, 2024)
    low, high = _EMPLOYEES[size, 0], _EMPLOYEES[size, 1] + 1
    employees = _ints(np.exp(rng.uniform(np.log(low), np.log(high))))
    employees[rng.random(count) < 0.04] = -1
    flags = _tag_flags(rng, size, np.array([loc[6] for loc in _LOCATIONS])[location])
    ids = np.array([f"S{i:0{max(7, len(str(count)))}d}" for i in range(1, count + 1)], dtype=object)
    columns = zip(
        ids.tolist(),
        _credit_codes(rng, [_LOCATIONS[k][5] for k in location.tolist()]),
        location.tolist(),
        size.tolist(),
        _TAG_TEXT[flags @ (1 << np.arange(6))].tolist(),
        founded.tolist(),
        employees.tolist(),
        _parents(rng, size, ids),
        _listed_codes(flags[:, 5]),
        strict=True,
    )
    rows = [
        [
            ident,
            f"合成企业{ident[1:]}",
            f"Synthetic Enterprise {i}",
            code,
            *_LOCATIONS[loc][:5],
            _BOOL[int(_LOCATIONS[loc][6])],
            _SIZES[sz],
            tags,
            str(year),
            str(staff) if staff >= 0 else "",
            parent,
            listed,
            SOURCE,
        ]
        for i, (ident, code, loc, sz, tags, year, staff, parent, listed) in enumerate(columns, start=1)
    ]
    return _Firms(ids, size, founded, rows)


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


def _making(rng: np.random.Generator, firms: _Firms, taxonomy: _Taxonomy) -> _Making:
    """Give each enterprise 1-3 distinct non-root nodes it makes, with output and capacity."""
    count, n_nodes = len(firms.size), len(taxonomy.codes)
    popularity = rng.gamma(2.0, size=len(taxonomy.makeable))
    picks = taxonomy.makeable[rng.choice(len(popularity), size=(count, 3), p=popularity / popularity.sum())]
    wanted = _ints(rng.choice(3, size=count, p=(0.55, 0.30, 0.15))) + 1
    keep = np.arange(3) < wanted[:, None]
    owners = np.broadcast_to(np.arange(count, dtype=np.int64)[:, None], (count, 3))
    keys = np.unique(owners[keep] * n_nodes + picks[keep])
    firm, node = keys // n_nodes, keys % n_nodes
    per_firm = np.bincount(firm, minlength=count)[firm]
    output = _OUTPUT_YUAN[firms.size[firm]] * rng.lognormal(0.0, 0.7, len(firm)) / per_firm
    cents = _ints(np.rint(output * 100))
    cents[rng.random(len(firm)) < 0.05] = -1
    with_capacity = rng.random(len(firm)) < 0.6
    rows = []
    columns = zip(firm.tolist(), node.tolist(), cents.tolist(), output.tolist(), with_capacity.tolist(), strict=True)
    for f, n, c, yuan, has in columns:
        unit = taxonomy.units[n] if has else ""
        capacity = str(max(1, int(yuan / _UNIT_PRICE[unit]))) if unit else ""
        rows.append([str(firms.ids[f]), str(taxonomy.codes[n]), _money_text(c), capacity, unit, SOURCE])
    return _Making(firm, node, rows)


def _link_keys(rng: np.random.Generator, firms: _Firms, making: _Making, n_nodes: int, links: int) -> I64:
    """Draw `links` distinct link keys (supplier, customer, node encoded as int64), sorted."""
    count = len(firms.size)
    supplier_p = _SIZE_PULL[firms.size[making.firm]]
    supplier_p /= supplier_p.sum()
    rank = rng.permutation(count) + 1.0
    zipf = np.sqrt(_SIZE_PULL[firms.size]) / rank**0.75
    customer_p = 0.85 * zipf / zipf.sum() + 0.15 / count
    customer_p /= customer_p.sum()
    weights = (supplier_p, customer_p)
    capacity = len(making.firm) * (count - 1)
    if links * 4 > capacity and len(making.firm) * count <= DENSE_LIMIT:
        return _dense_keys(rng, making, weights, n_nodes, links)
    if links * 2 > capacity:
        raise ValueError(
            f"links={links} is more than half of the {capacity} possible links; "
            f"for enterprises={count} this generator allows at most {capacity // 2}"
        )
    return _sparse_keys(rng, making, weights, n_nodes, links)


def _dense_keys(rng: np.random.Generator, making: _Making, weights: tuple[F64, F64], n_nodes: int, links: int) -> I64:
    """Pick keys from every possible link, weighted, without replacement (Gumbel top-k)."""
    supplier_p, customer_p = weights
    count = len(customer_p)
    row = np.repeat(np.arange(len(making.firm), dtype=np.int64), count)
    customer = np.tile(np.arange(count, dtype=np.int64), len(making.firm))
    possible = customer != making.firm[row]
    row, customer = row[possible], customer[possible]
    score = np.log(supplier_p[row] * customer_p[customer]) + rng.gumbel(size=len(row))
    top = np.argpartition(-score, links - 1)[:links] if links else np.zeros(0, dtype=np.int64)
    return np.sort(_encode(making.firm[row[top]], customer[top], making.node[row[top]], count, n_nodes))


def _sparse_keys(rng: np.random.Generator, making: _Making, weights: tuple[F64, F64], n_nodes: int, links: int) -> I64:
    """Draw keys in rounds, dropping self-supply and duplicates, then keep exactly `links`."""
    supplier_p, customer_p = weights
    count = len(customer_p)
    keys = np.zeros(0, dtype=np.int64)
    while len(keys) < links:
        draw = max(1024, int((links - len(keys)) * 1.3))
        row = _ints(rng.choice(len(supplier_p), size=draw, p=supplier_p))
        customer = _ints(rng.choice(count, size=draw, p=customer_p))
        other = customer != making.firm[row]
        row, customer = row[other], customer[other]
        keys = np.union1d(keys, _encode(making.firm[row], customer, making.node[row], count, n_nodes))
    if len(keys) > links:
        keys = keys[np.sort(rng.choice(len(keys), size=links, replace=False))]
    return keys


def _encode(supplier: I64, customer: I64, node: I64, count: int, n_nodes: int) -> I64:
    """Encode link keys so that numeric order is the string order of (supplier, customer, node)."""
    return (supplier * count + customer) * n_nodes + node


def _shares(rng: np.random.Generator, keys: I64, firms: _Firms, n_nodes: int) -> tuple[I64, I64]:
    """Return each link's share (1/10000, -1 missing) and value (fen, -1 missing)."""
    # The shares of one (customer, node) split a coverage below 1 and are rounded down: sum <= 1.
    groups, inverse = np.unique(keys % (len(firms.size) * n_nodes), return_inverse=True)
    weight = rng.pareto(1.16, len(keys)) + 0.05
    coverage = rng.uniform(0.55, 1.0, len(groups))
    share = weight / np.bincount(inverse, weights=weight, minlength=len(groups))[inverse] * coverage[inverse]
    budget = _BUDGET_YUAN[firms.size[groups // n_nodes]] * rng.lognormal(0.0, 0.8, len(groups))
    value = _ints(np.rint(budget[inverse] * share * 100))
    units = _ints(np.floor(share * 10_000))
    units[rng.random(len(keys)) < 0.04] = -1
    value[rng.random(len(keys)) < 0.04] = -1
    return units, value


def _write_links(
    path: Path,
    rng: np.random.Generator,
    keys: I64,
    firms: _Firms,
    taxonomy: _Taxonomy,
    on_progress: Callable[[int], None] | None,
) -> int:
    """Write supply_links.csv in chunks, reporting each chunk's row count."""
    share, value = _shares(rng, keys, firms, len(taxonomy.codes))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(COLUMNS["supply_links"]) + "\r\n")
        for start in range(0, len(keys), CHUNK):
            part = slice(start, start + CHUNK)
            handle.write(_link_text(rng, keys[part], share[part], value[part], firms, taxonomy))
            if on_progress is not None:
                on_progress(len(keys[part]))
    return len(keys)


def _link_text(rng: np.random.Generator, keys: I64, share: I64, value: I64, firms: _Firms, taxonomy: _Taxonomy) -> str:
    """Draw the remaining link attributes for one chunk and format its CSV lines."""
    count, n_nodes, n = len(firms.size), len(taxonomy.codes), len(keys)
    supplier, customer, node = keys // (count * n_nodes), keys // n_nodes % count, keys % n_nodes
    lower = np.maximum(np.maximum(firms.founded[supplier], firms.founded[customer]), 1990)
    since = lower + _ints(rng.random(n) * (PRESENT_YEAR + 1 - lower))
    ended = since + _ints(rng.random(n) * (PRESENT_YEAR + 1 - since))
    until = np.where(rng.random(n) < 0.1, ended - 1800, -1)
    confidence = _ints(np.rint(rng.beta(5.0, 2.0, n) * 100))
    columns = [
        firms.ids[supplier].tolist(),
        firms.ids[customer].tolist(),
        taxonomy.codes[node].tolist(),
        [_money_text(c) for c in value.tolist()],
        _SHARE_TEXT[share].tolist(),
        _YEAR_TEXT[since - 1800].tolist(),
        _YEAR_TEXT[until].tolist(),
        _CONFIDENCE_TEXT[confidence].tolist(),
        _BOOL[_ints(rng.random(n) < 0.08)].tolist(),
        _EVIDENCE[rng.choice(len(_EVIDENCE), size=n, p=(0.5, 0.1, 0.1, 0.1, 0.1, 0.1))].tolist(),
        [SOURCE] * n,
    ]
    return "".join(line + "\r\n" for line in map(",".join, zip(*columns, strict=True)))


def _write_rows(path: Path, kind: str, rows: list[list[str]]) -> int:
    """Write one kind's rows (already sorted by key) as UTF-8 CSV with BOM."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS[kind])
        writer.writerows(rows)
    return len(rows)


def _money_text(fen: int) -> str:
    """Format an amount in fen as yuan with two decimals ('' when missing)."""
    return f"{fen // 100}.{fen % 100:02d}" if fen >= 0 else ""


def _ints(values: Any) -> I64:
    """Return `values` as an int64 array (truncating floats)."""
    return np.asarray(values).astype(np.int64)
