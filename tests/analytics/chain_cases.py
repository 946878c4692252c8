"""A small cluster built by hand; the expected metrics in the tests are worked out from it on paper."""

from __future__ import annotations

import numpy as np

from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot

# Nodes:  U ─ U.H (key technology) ─ U.H.P      M ─ M.E
#           └ U.S
NODES = ["U", "U.H", "U.H.P", "U.S", "M", "M.E"]
PARENT = [-1, 0, 1, 0, -1, 4]
# Firms: A, B excavator makers in the cluster; L a local supplier; D a German supplier; S a Shanghai supplier.
FIRMS = ["A", "B", "L", "D", "S"]
IN_CLUSTER = [True, True, True, False, False]
FOREIGN = [False, False, False, True, False]
MAKES = [
    ("A", "M.E", 1000.0),
    ("B", "M.E", 500.0),
    ("L", "U.H.P", 50.0),
    ("D", "U.H.P", 300.0),
    ("S", "U.S", 80.0),
    ("L", "U.S", 20.0),
]
# Links as supplier, customer, node, value, since and until:
LINKS = [
    ("D", "A", "U.H.P", 60.0, 2020, NO_YEAR),
    ("L", "A", "U.H.P", 40.0, 2020, NO_YEAR),
    ("D", "B", "U.H.P", 100.0, 2020, NO_YEAR),
    ("S", "A", "U.S", 30.0, 2020, NO_YEAR),
    ("L", "B", "U.S", 10.0, 2020, NO_YEAR),
    ("D", "S", "U.H.P", 999.0, 2020, NO_YEAR),  # the customer is outside the cluster: never counted
    ("L", "A", "U.S", 20.0, 2015, 2018),  # ended before 2020
]


def snapshot(links: list[tuple[str, str, str, float, int, int]] | None = None) -> ChainSnapshot:
    """Return the hand-built cluster as a snapshot (optionally with other links)."""
    links = LINKS if links is None else links
    f, n = FIRMS.index, NODES.index
    return ChainSnapshot(
        node_codes=tuple(NODES),
        node_parent=np.array(PARENT, dtype=np.int64),
        node_key_technology=np.array([c == "U.H" for c in NODES]),
        firm_ids=tuple(FIRMS),
        firm_in_cluster=np.array(IN_CLUSTER),
        firm_foreign=np.array(FOREIGN),
        makes_firm=np.array([f(a) for a, _, _ in MAKES], dtype=np.int64),
        makes_node=np.array([n(b) for _, b, _ in MAKES], dtype=np.int64),
        makes_output=np.array([o for _, _, o in MAKES]),
        link_supplier=np.array([f(s) for s, *_ in links], dtype=np.int64),
        link_customer=np.array([f(c) for _, c, *_ in links], dtype=np.int64),
        link_node=np.array([n(x) for _, _, x, *_ in links], dtype=np.int64),
        link_value=np.array([v for *_, v, _, _ in links]),
        link_since=np.array([s for *_, s, _ in links], dtype=np.int64),
        link_until=np.array([u for *_, u in links], dtype=np.int64),
    )
