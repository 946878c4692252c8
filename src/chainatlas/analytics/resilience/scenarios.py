"""Disruption scenarios: a named set of nodes, parsed from the command-line syntax of the format doc."""

from __future__ import annotations

from dataclasses import dataclass

from chainatlas.analytics.resilience.network import Network


class ScenarioError(ValueError):
    """A scenario text that cannot be read or selects no node; the message names the bad part."""


@dataclass(frozen=True)
class Scenario:
    """A disruption: these nodes stop together (for the largest TTR among them)."""

    name: str
    nodes: tuple[str, ...]


KINDS = ("node", "location", "country")


def parse_scenario(network: Network, text: str) -> Scenario:
    """Return the scenario `node:ID[,ID...]`, `location:PREFIX` or `country:CC` over `network`.

    A location prefix matches whole path parts: `CN/湖南省/长沙市/长沙县` selects `CN/湖南省/长沙市/长沙县/...`
    but not `CN/湖南省/长沙市/长沙县城`.
    """
    kind, sep, value = text.strip().partition(":")
    kind, value = kind.strip(), value.strip()
    if not sep or kind not in KINDS:
        raise ScenarioError(f"scenario {text!r}: expected node:ID[,ID...], location:PREFIX or country:CC")
    if not value:
        raise ScenarioError(f"scenario {text!r}: nothing after `{kind}:`")
    if kind == "node":
        nodes = _listed_nodes(network, text, value)
    else:
        prefix = value.strip("/")
        if kind == "country" and "/" in prefix:
            raise ScenarioError(f"scenario {text!r}: a country code is one path part, not {value!r}")
        nodes = tuple(x for x, where in zip(network.ids, network.location, strict=True) if _under(where, prefix))
    if not nodes:
        raise ScenarioError(f"scenario {text!r}: no node has a location under {value!r}")
    return Scenario(text.strip(), nodes)


def _listed_nodes(network: Network, text: str, value: str) -> tuple[str, ...]:
    ids = [x.strip() for x in value.split(",")]
    for x in ids:
        if not x:
            raise ScenarioError(f"scenario {text!r}: an empty node id in the list")
        if x not in network.index:
            raise ScenarioError(f"scenario {text!r}: unknown node {x!r}")
    return tuple(dict.fromkeys(ids))


def _under(location: str, prefix: str) -> bool:
    location = location.strip("/")
    return location == prefix or location.startswith(prefix + "/")
