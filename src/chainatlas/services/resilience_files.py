"""Resilience on network folders (nodes.csv, bom.csv; docs/resilience-registry.md): read one, load a Willems
(2008) chain as one, write the registry's network as one, and rank mitigations on a network in hand. The CLI
reaches the engine and the file format through here.

File networks hold no registry data, so reading, converting and analysing them needs no access check; exporting
the registry's network does (`Action.ANALYSE`, as every per-site result).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.analytics.resilience import Analysis, Network, NetworkError, mitigations
from chainatlas.domain.user import User
from chainatlas.interchange.resilience_files import NetworkFileError, read_network, read_willems, write_network
from chainatlas.services.resilience import registry_network

__all__ = [
    "Analysis",
    "Network",
    "NetworkUnreadable",
    "export_network",
    "file_mitigations",
    "network_folder",
    "willems_network",
]


class NetworkUnreadable(ValueError):
    """A network folder or a Willems chain that cannot be read, with what is wrong in it."""


def network_folder(folder: Path) -> Network:
    """Return the network of a folder (nodes.csv, bom.csv), or raise NetworkUnreadable saying what is wrong."""
    try:
        return read_network(folder)
    except (NetworkFileError, NetworkError) as error:
        raise NetworkUnreadable(str(error)) from error


def willems_network(stages_csv: Path, arcs_csv: Path, out_dir: Path, seed: int = 0) -> Network:
    """Write a Willems chain as a network folder (real topology and demand, generated parameters) and return it."""
    try:
        network = read_willems(stages_csv, arcs_csv, seed)
    except (NetworkFileError, NetworkError) as error:
        raise NetworkUnreadable(str(error)) from error
    write_network(network, out_dir)
    return network


def export_network(session: Session, user: User | None, folder: Path, *, year: int | None = None) -> Network:
    """Write the registry's supply network as a network folder (nodes.csv, bom.csv) and return it."""
    network = registry_network(session, user, year=year).network
    write_network(network, folder)
    return network


def file_mitigations(network: Network, analysis: Analysis, *, top: int) -> list[dict[str, Any]]:
    """Return candidate fixes for the `top` most exposed nodes of a network, best ΔPI first, as the engine's JSON."""
    return [m.to_json() for m in mitigations(network, analysis, top=top)]
