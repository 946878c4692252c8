"""Hypothesis strategies for whole registries, written as interchange rows of text."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from chainatlas.domain.credit_code import expected_check_character

Rows = dict[str, list[dict[str, str]]]

# Letters, digits, CJK, punctuation that CSV must quote (comma, quote, semicolon in free text), no controls.
_TEXT_ALPHABET = st.characters(
    codec="utf-8", categories=("L", "N", "P", "Zs", "S"), exclude_characters="\x85\u2028\u2029"
)
text = st.text(_TEXT_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)
money = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)
measure = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False, allow_infinity=False
)
fraction = st.floats(min_value=0, max_value=1, allow_nan=False)
period = st.one_of(
    st.integers(2000, 2030).map(str),
    st.tuples(st.integers(2000, 2030), st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(st.integers(2000, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)
maybe = st.booleans()


def _credit_code(n: int) -> str:
    first17 = f"914301{n:011d}"
    return first17 + expected_check_character(first17)


@st.composite
def registries(draw: st.DrawFn) -> Rows:
    """Draw a consistent registry: a node tree, enterprises, and rows of every other kind referring to them."""
    n_nodes = draw(st.integers(1, 6))
    nodes = [
        {
            "code": f"N{i}",
            "parent_code": f"N{draw(st.integers(0, i - 1))}" if i and draw(maybe) else "",
            "name_zh": draw(text),
            "name_en": draw(st.one_of(st.just(""), text)),
            "segment": draw(st.sampled_from(["upstream", "midstream", "downstream", "support"])),
            "key_technology": str(draw(maybe)).lower(),
            "source": draw(st.sampled_from(["synthetic", "https://example.org/a?b=1,2"])),
        }
        for i in range(n_nodes)
    ]
    n_firms = draw(st.integers(2, 6))
    firms = [_enterprise(draw, i, n_firms) for i in range(n_firms)]
    codes, ids = [n["code"] for n in nodes], [f["id"] for f in firms]
    rows = {
        "chain_nodes": nodes,
        "enterprises": firms,
        "enterprise_nodes": _pairs(draw, ids, codes, _enterprise_node),
        "supply_links": _links(draw, ids, codes),
        "indicators": [_indicator(draw, ids, codes)],
        "targets": [_target(draw)],
        "projects": [_project(draw, ids)],
        "milestones": [
            {
                "project_id": "P1",
                "name": draw(text),
                "planned_date": "2024-02-29",
                "actual_date": draw(st.sampled_from(["", "2024-03-01"])),
                "source": "synthetic",
            }
        ],
        "project_progress": [
            {
                "project_id": "P1",
                "period": draw(period),
                "investment_completed_cny": str(draw(money)),
                "capacity_reached": "",
                "source": "synthetic",
            }
        ],
        **fair_rows(draw, ids, codes),
    }
    return rows | _brands_and_platforms(draw, ids)


def _brands_and_platforms(draw: st.DrawFn, ids: list[str]) -> Rows:
    owner = st.sampled_from(["", *ids])
    return {
        "brands": [
            {
                "id": "B1",
                "name_zh": draw(text),
                "name_en": draw(st.one_of(st.just(""), text)),
                "owner_id": draw(owner),
                "source": "synthetic",
            }
        ],
        "brand_rankings": [
            {
                "brand_id": "B1",
                "ranking": "global_top50",
                "year": str(draw(st.integers(1990, 2030))),
                "rank": str(draw(st.integers(1, 50))),
                "source": "synthetic",
            }
        ],
        "innovation_platforms": [
            {
                "id": "PL1",
                "name_zh": draw(text),
                "name_en": "",
                "kind": draw(st.sampled_from(["key_laboratory", "企业技术中心", "other"])),
                "level": draw(st.sampled_from(["national", "省级", "municipal"])),
                "owner_id": draw(owner),
                "year": draw(st.sampled_from(["", "2020"])),
                "source": "synthetic",
            }
        ],
    }


def _enterprise(draw: st.DrawFn, i: int, n: int) -> dict[str, str]:
    in_cluster = draw(maybe)
    return {
        "id": f"E{i}",
        "name_zh": draw(text),
        "name_en": draw(st.one_of(st.just(""), text)),
        "unified_code": draw(st.sampled_from(["", _credit_code(i)])),
        "country": "CN" if in_cluster else draw(st.sampled_from(["CN", "DE", "JP"])),
        "province": draw(st.sampled_from(["", "湖南省"])),
        "city": "",
        "district": draw(st.sampled_from(["", "长沙县", "望城区"])),
        "park": "",
        "in_cluster": str(in_cluster).lower(),
        "size_class": draw(st.sampled_from(["", "large", "micro"])),
        "tags": ";".join(
            draw(st.lists(st.sampled_from(["规上", "专精特新", "小巨人", "高新"]), unique=True, max_size=3))
        ),
        "founded": draw(st.sampled_from(["", "1999"])),
        "employees": str(draw(st.integers(0, 10**6))),
        "parent_id": f"E{draw(st.integers(0, i - 1))}" if i and draw(maybe) else "",
        "listed_code": draw(st.sampled_from(["", "000157.SZ", "600031.SH"])),
        "export_share": draw(st.sampled_from(["", "0", "0.3804", "1"])),
        "source": "synthetic",
    }


def _pairs(draw: st.DrawFn, ids: list[str], codes: list[str], make) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    chosen = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(codes)), unique=True, max_size=6))
    return [make(draw, a, b) for a, b in chosen]


def _enterprise_node(draw: st.DrawFn, firm: str, code: str) -> dict[str, str]:
    capacity = draw(st.one_of(st.just(""), st.decimals(min_value=0, max_value=10**6, places=3).map(str)))
    return {
        "enterprise_id": firm,
        "node_code": code,
        "annual_output_cny": draw(st.one_of(st.just(""), money.map(str))),
        "capacity": capacity,
        "capacity_unit": "台" if capacity else "",
        "source": "synthetic",
    }


def _links(draw: st.DrawFn, ids: list[str], codes: list[str]) -> list[dict[str, str]]:
    triples = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(codes)).filter(
                lambda t: t[0] != t[1]
            ),
            unique=True,
            max_size=8,
        )
    )
    return [
        {
            "supplier_id": s,
            "customer_id": c,
            "node_code": n,
            "annual_value_cny": str(draw(money)),
            "share": repr(draw(fraction)),
            "since": "2015",
            "until": draw(st.sampled_from(["", "2020"])),
            "confidence": repr(draw(fraction)),
            "confidential": str(draw(maybe)).lower(),
            "evidence": draw(st.one_of(st.just(""), text)),
            "source": "synthetic",
        }
        for s, c, n in triples
    ]


def _indicator(draw: st.DrawFn, ids: list[str], codes: list[str]) -> dict[str, str]:
    scope = draw(st.sampled_from(["cluster", ids[0], f"node:{codes[0]}"]))
    return {
        "metric": "output_value",
        "scope": scope,
        "period": draw(period),
        "value": str(draw(measure)),
        "unit": "亿元",
        "source": "synthetic",
    }


def _target(draw: st.DrawFn) -> dict[str, str]:
    return {
        "metric": "output_value",
        "scope": "cluster",
        "target_period": "2030",
        "target_value": str(draw(measure)),
        "unit": "亿元",
        "baseline_period": "2020",
        "baseline_value": str(draw(measure)),
        "source": "synthetic",
    }


def _project(draw: st.DrawFn, ids: list[str]) -> dict[str, str]:
    return {
        "id": "P1",
        "name_zh": draw(text),
        "name_en": "",
        "owner_id": draw(st.sampled_from(["", ids[0]])),
        "kind": draw(st.sampled_from(["manufacturing", "components_park", "other"])),
        "planned_investment_cny": str(draw(money)),
        "start": "2019-08-31",
        "planned_finish": "2021-12-31",
        "planned_capacity": "33000",
        "capacity_unit": "台",
        "source": "synthetic",
    }


def fair_rows(draw: st.DrawFn, ids: list[str], codes: list[str]) -> Rows:
    """Draw a fair with an exhibitor and a buyer, a preference, their meeting and its attendance (issue 7)."""
    fair = {
        "id": "F1",
        "name_zh": draw(text),
        "name_en": "",
        "edition": draw(st.sampled_from(["", "3"])),
        "start": "2023-05-12",
        "end": "2023-05-15",
        "venue": draw(st.one_of(st.just(""), text)),
        "first_slot": "09:30",
        "slot_minutes": "30",
        "slots_per_day": "8",
        "tables": str(draw(st.integers(1, 400))),
        "timezone": "Asia/Shanghai",
        "source": "synthetic",
    }
    people = [
        {
            "id": f"P{i}",
            "fair_id": "F1",
            "role": role,
            "enterprise_id": draw(st.sampled_from(["", ids[0]])),
            "name_zh": draw(text),
            "name_en": "",
            "delegation": draw(st.one_of(st.just(""), text)),
            "country": draw(st.sampled_from(["CN", "VN"])),
            "offers": ";".join(draw(st.lists(st.sampled_from(codes), unique=True, max_size=3))),
            "needs": ";".join(draw(st.lists(st.sampled_from(codes), unique=True, max_size=3))),
            "offers_text": draw(st.one_of(st.just(""), text)),
            "needs_text": draw(st.one_of(st.just(""), text)),
            "available": draw(st.sampled_from(["", "1", "1;2:3-8"])),
            "min_meetings": "0",
            "max_meetings": draw(st.sampled_from(["", "6"])),
            "staff": "1",
            "booth": "",
            "source": "synthetic",
        }
        for i, role in ((1, "exhibitor"), (2, "buyer"))
    ]
    return {
        "fairs": [fair],
        "fair_participants": people,
        "fair_preferences": [
            {
                "from_id": "P2",
                "to_id": "P1",
                "level": draw(st.sampled_from(["must", "meet", "no_thanks"])),
                "note": "",
                "source": "synthetic",
            }
        ],
        "fair_meetings": [
            {
                "fair_id": "F1",
                "exhibitor_id": "P1",
                "buyer_id": "P2",
                "day": "2",
                "slot": "3",
                "table": "1",
                "score": repr(draw(fraction)),
                "must": str(draw(maybe)).lower(),
                "source": "synthetic",
            }
        ],
        "fair_attendance": [
            {
                "exhibitor_id": "P1",
                "buyer_id": "P2",
                "outcome": "no_show",
                "absent": draw(st.sampled_from(["", "buyer"])),
                "note": draw(st.one_of(st.just(""), text)),
                "source": "synthetic",
            }
        ],
    }
