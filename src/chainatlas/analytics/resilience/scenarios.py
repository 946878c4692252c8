"""Disruption scenarios: a named set of nodes, parsed from the command-line syntax of the format doc."""

from __future__ import annotations

from dataclasses import dataclass

from chainatlas.analytics.resilience.network import Network


class ScenarioError(ValueError):
    """A scenario text that cannot be read or selects no node; the message names the bad part.

    `text` is the scenario, `reason` what is wrong with it (without the scenario), `code` one of SYNTAX, EMPTY,
    EMPTY_ID, UNKNOWN_NODE, COUNTRY_PATH, NO_MATCH (for translated messages), `part` the offending value."""

    def __init__(self, text: str, reason: str, *, code: str, part: str = "") -> None:
        super().__init__(f"scenario {text!r}: {reason}")
        self.text, self.reason, self.code, self.part = text, reason, code, part


SYNTAX, EMPTY, EMPTY_ID, UNKNOWN_NODE, COUNTRY_PATH, NO_MATCH = (
    "syntax",
    "empty",
    "empty_id",
    "unknown_node",
    "country_path",
    "no_match",
)


@dataclass(frozen=True)
class Scenario:
    """A disruption: these nodes stop together (for the largest TTR among them)."""

    name: str
    nodes: tuple[str, ...]


KINDS = ("node", "location", "country")


def parse_scenario(network: Network, text: str) -> Scenario:
    """Return the scenario `node:ID[,ID...]`, `location:PREFIX` or `country:CC` over `network`.

    A location prefix matches whole path parts: `CN/湖南省/长沙市/长沙县` selects `CN/湖南省/长沙市/长沙县/...`
    but not `CN/湖南省/长沙市/长沙县城`. A country code is matched in any case and named in upper case
    (`country:cn` is the scenario `country:CN`).
    """
    kind, sep, value = text.strip().partition(":")
    kind, value = kind.strip(), value.strip()
    if not sep or kind not in KINDS:
        raise ScenarioError(text, "expected node:ID[,ID...], location:PREFIX or country:CC", code=SYNTAX, part=text)
    if not value:
        raise ScenarioError(text, f"nothing after `{kind}:`", code=EMPTY, part=kind)
    if kind == "node":
        return Scenario(text.strip(), _listed_nodes(network, text, value))
    if kind == "country":
        return _country(network, text, value)
    prefix = value.strip("/")
    nodes = tuple(x for x, where in zip(network.ids, network.location, strict=True) if _under(where, prefix))
    if not nodes:
        raise ScenarioError(text, f"no node has a location under {value!r}", code=NO_MATCH, part=value)
    return Scenario(text.strip(), nodes)


def _country(network: Network, text: str, value: str) -> Scenario:
    code = value.strip("/").upper()
    if "/" in code:
        raise ScenarioError(text, f"a country code is one path part, not {value!r}", code=COUNTRY_PATH, part=value)
    nodes = tuple(
        x
        for x, where in zip(network.ids, network.location, strict=True)
        if where.strip("/").split("/")[0].upper() == code
    )
    if not nodes:
        raise ScenarioError(text, f"no node has a location in the country {code!r}", code=NO_MATCH, part=code)
    return Scenario(f"country:{code}", nodes)


def _listed_nodes(network: Network, text: str, value: str) -> tuple[str, ...]:
    ids = [x.strip() for x in value.split(",")]
    for x in ids:
        if not x:
            raise ScenarioError(text, "an empty node id in the list", code=EMPTY_ID)
        if x not in network.index:
            raise ScenarioError(text, f"unknown node {x!r}", code=UNKNOWN_NODE, part=x)
    return tuple(dict.fromkeys(ids))


def _under(location: str, prefix: str) -> bool:
    location = location.strip("/")
    return location == prefix or location.startswith(prefix + "/")
