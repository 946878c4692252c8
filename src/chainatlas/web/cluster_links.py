"""Links an analysis page makes to related pages, keeping the page's `?cluster=` when it is set."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

Link = Callable[..., str]


def cluster_link(cluster: str | None) -> Link:
    """Return `link(path, **params)`: the path with the given parameters (None and "" left out) and, when the page
    names a cluster, `cluster=` last."""

    def link(path: str, **params: object) -> str:
        query = {name: str(value) for name, value in params.items() if value is not None and value != ""}
        if cluster:
            query["cluster"] = cluster
        return path + ("?" + urlencode(query) if query else "")

    return link


def cluster_context(cluster: str | None) -> dict[str, object]:
    """Return what an analysis template needs to keep the cluster: its id (None: not named) and `link`."""
    return {"cluster": cluster, "link": cluster_link(cluster)}


def cluster_query(cluster: str | None) -> str:
    """Return the query a link adds to keep the page's cluster (`?cluster=…`), empty when the page names none."""
    return "?" + urlencode({"cluster": cluster}) if cluster else ""
