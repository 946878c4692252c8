"""Export the registry as interchange files, one per kind the user may read (services/browse.may_read_kind)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from chainatlas.domain.access import Action
from chainatlas.domain.common import Record
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import KINDS, KindSpec
from chainatlas.domain.user import User
from chainatlas.interchange.synth_clusters import MAX_CLUSTERS as MAX_CLUSTERS  # the CLI bounds --clusters
from chainatlas.interchange.tables import Cell as Cell  # downloads for people: the pages hand these the rows
from chainatlas.interchange.tables import table_csv as table_csv
from chainatlas.interchange.tables import table_xlsx as table_xlsx
from chainatlas.interchange.write import EXPORT_FORMATS as EXPORT_FORMATS  # the CLI offers them
from chainatlas.interchange.write import write_table
from chainatlas.services.access import require
from chainatlas.services.access_log import log_confidential_read
from chainatlas.services.browse import hidden_links, may_read_kind
from chainatlas.store.clusters import default_memberships
from chainatlas.store.registry import RegistryRepository

if TYPE_CHECKING:
    from chainatlas.interchange.synth import SynthSummary


def readable_kinds(user: User | None) -> list[KindSpec]:
    """Return the kinds a user may read through the generic registry reads, in import order."""
    return [spec for spec in KINDS if may_read_kind(user, spec.name)]


def _visible_records(session: Session, user: User | None, spec: KindSpec) -> list[Record]:
    records = list(RegistryRepository(session, spec).all())
    if spec.name != "supply_links":
        return records
    hidden = hidden_links(session, user)
    return [r for r in records if not hidden(r)]


def export_registry(
    session: Session,
    user: User | None,
    out_dir: Path,
    *,
    fmt: str = "csv",
    on_kind: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Write each kind the user may read to `out_dir/<kind>.<fmt>` (rows sorted by key, confidential links
    only as the user may see them); return rows written per file. Kinds the user may not read are not written."""
    require(user, Action.READ)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for spec in readable_kinds(user):
        path = out_dir / f"{spec.name}.{fmt}"
        records = _visible_records(session, user, spec)
        log_confidential_read(session, user, records, what=f"export {path.name}")
        written[path.name] = write_table(path, spec.name, records, fmt)
        if on_kind:
            on_kind(spec.name, written[path.name])
    return written


def write_synthetic_registry(
    out_dir: Path,
    *,
    enterprises: int,
    links: int,
    seed: int,
    on_progress: Callable[[int], None] | None = None,
    clusters: int = 0,
) -> SynthSummary:
    """Write a deterministic synthetic registry of any size as interchange files (every record synthetic), with
    `clusters` clusters (clusters.csv) when asked."""
    from chainatlas.interchange.synth import write_synthetic  # numpy's generators load only when asked

    return write_synthetic(
        out_dir, enterprises=enterprises, links=links, seed=seed, on_progress=on_progress, clusters=clusters
    )


def as_interchange(session: Session, records: list[Record]) -> list[Record]:
    """Return enterprises as the interchange files hold them: `in_cluster` is the default cluster's membership,
    whichever cluster a page chose (a download imported again must not move firms into or out of the default)."""
    firms = [r for r in records if isinstance(r, Enterprise)]
    if not firms:
        return records
    default = default_memberships(session, [f.id for f in firms])
    return [
        r.model_copy(update={"in_cluster": default.get(r.id, False)}) if isinstance(r, Enterprise) else r
        for r in records
    ]
