"""The `?cluster=` query parameter of the analyses that take a cluster (scorecard, projects, fair, overview, lists)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

ClusterQuery = Annotated[
    str | None,
    Query(
        description="the cluster's id (`/api/v1/clusters`); default the default cluster. "
        "An unknown id is a 404 naming the known clusters; one outside the user's clusters a 403",
        examples=["default"],
    ),
]
