"""Where an alert's cause is shown: the page a person opens from the alert (target card, project, node, firm)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from chainatlas.domain.alert import Alert
from chainatlas.domain.indicator import scope_reference


def _quoted(value: str) -> str:
    return quote(value, safe="")


def scope_page(scope: str) -> str | None:
    """Return the page of a scope: a chain node's or an enterprise's; None for a whole cluster."""
    reference = scope_reference(scope)
    if reference is None or reference[0] == "clusters":
        return None
    kind, key = reference
    return f"/chain/nodes/{_quoted(key)}" if kind == "chain_nodes" else f"/enterprises/{_quoted(key)}"


def target_anchor(metric: str, scope: str, period: str) -> str:
    """Return the scorecard's anchor of a target's card (as the scorecard page names it)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "-", f"t-{metric}-{scope}-{period}")


def _scorecard_query(alert: Alert, scope: str) -> str:
    """Return the scorecard's query for an alert: its day, and the cluster a `cluster:<id>` scope names."""
    reference = scope_reference(scope)
    cluster = {"cluster": reference[1]} if reference is not None and reference[0] == "clusters" else {}
    return urlencode({"as_of": alert.last_seen_on.isoformat(), **cluster})


def alert_link(alert: Alert) -> str | None:
    """Return the address of the page showing an alert's cause, as of the day it was last seen; None if none."""
    parts = alert.subject.split("/")
    as_of = urlencode({"as_of": alert.last_seen_on.isoformat()})
    if parts[0] == "projects" and len(parts) >= 2:
        return f"/projects/{_quoted(parts[1])}?{as_of}"
    if parts[0] == "targets" and len(parts) >= 4:
        return f"/scorecard?{_scorecard_query(alert, parts[2])}#{target_anchor(parts[1], parts[2], parts[3])}"
    if parts[0] == "indicators" and len(parts) >= 3:
        return scope_page(parts[2]) or f"/scorecard?{_scorecard_query(alert, parts[2])}"
    if parts[0] == "articles" and len(parts) >= 2:
        return f"/news/{_quoted(parts[1])}"
    if parts[0] in ("enterprises", "chain_nodes") and len(parts) >= 2:
        return scope_page(parts[1] if parts[0] == "enterprises" else f"node:{parts[1]}")
    return None
