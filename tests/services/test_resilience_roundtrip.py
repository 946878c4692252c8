"""The resilience kinds survive export then import unchanged, in every export format, for any figures
Hypothesis draws (decimals to 6 places, unlimited capacity, missing units, cited or synthetic sources)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.factories import admin_user, write_csv
from tests.resilience_cases import FIRMS, NODES
from tests.services.roundtrip import load, snapshot, wipe

from chainatlas.services.exports import export_registry

quantity = st.decimals(min_value=0, max_value=Decimal("1e9"), places=6, allow_nan=False, allow_infinity=False)
positive = st.decimals(
    min_value=Decimal("0.000001"), max_value=Decimal("1e4"), places=6, allow_nan=False, allow_infinity=False
)
money = st.decimals(min_value=0, max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False)
source = st.sampled_from(["synthetic", "调研 https://example.org/a?b=1,2"])


@st.composite
def figures(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    firms = draw(st.lists(st.sampled_from([f["id"] for f in FIRMS]), min_size=1, max_size=4, unique=True))
    profiles = [
        {
            "enterprise_id": firm,
            "demand_per_day": str(draw(quantity)),
            "capacity_per_day": draw(st.one_of(st.just(""), quantity.map(str))),
            "inventory": str(draw(quantity)),
            "margin_cny": str(draw(money)),
            "ttr_days": str(draw(quantity)),
            "unit": draw(st.sampled_from(["", "台", "万元产值"])),
            "source": draw(source),
        }
        for firm in firms
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(firms), st.sampled_from([n["code"] for n in NODES])), max_size=4, unique=True
        )
    )
    bom = [
        {"customer_id": c, "node_code": n, "units_per_unit": str(draw(positive)), "source": draw(source)}
        for c, n in pairs
    ]
    return {"resilience_profiles": profiles, "bom_lines": bom}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(drawn=figures(), fmt=st.sampled_from(["csv", "xlsx", "json"]))
def test_resilience_kinds_export_then_import_unchanged(
    engine: Engine, drawn: dict[str, list[dict[str, str]]], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp, Session(engine) as session:
        source_dir, exported = Path(tmp, "in"), Path(tmp, "out")
        source_dir.mkdir()
        for kind, rows in {"chain_nodes": NODES, "enterprises": FIRMS, **drawn}.items():
            write_csv(source_dir / f"{kind}.csv", kind, rows)
        wipe(session)
        load(session, source_dir)
        before = snapshot(session)
        assert len(before["resilience_profiles"]) == len(drawn["resilience_profiles"])
        assert len(before["bom_lines"]) == len(drawn["bom_lines"])
        export_registry(session, admin_user(), exported, fmt=fmt)
        wipe(session)
        load(session, exported)
        assert snapshot(session) == before
        wipe(session)
