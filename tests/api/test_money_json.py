"""Money in the API has one JSON form everywhere: the registry's decimal string in yuan (e.g. "1234.50"), never
a JSON number, in records, partner lists and analysis results alike."""

from __future__ import annotations

import re
from typing import Any

from tests.api.conftest import Api

MONEY_KEYS = re.compile(r"(_cny|^pi|_pi|^purchases|^local_value|^output_in_cluster)$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
READS = (
    "/api/v1/supply_links",
    "/api/v1/enterprises/E1/suppliers",
    "/api/v1/enterprises/E2/customers",
    "/api/v1/chain/metrics",
    "/api/v1/chain/gaps",
)


def money_values(found: Any, path: str = "") -> list[tuple[str, object]]:
    """Return every (path, value) under a money key in a JSON document."""
    if isinstance(found, list):
        return [pair for item in found for pair in money_values(item, path + "[]")]
    if not isinstance(found, dict):
        return []
    pairs = []
    for key, value in found.items():
        if MONEY_KEYS.search(key) and not isinstance(value, dict | list):
            pairs.append((f"{path}.{key}", value))
        pairs += money_values(value, f"{path}.{key}")
    return pairs


def test_the_walk_sees_a_float_when_there_is_one() -> None:
    document = {"items": [{"annual_value_cny": 1.5, "share": 0.5}], "pi": "3.00"}
    assert money_values(document) == [(".items[].annual_value_cny", 1.5), (".pi", "3.00")]


def test_money_is_a_decimal_string_in_every_read(api: Api) -> None:
    seen: list[tuple[str, object]] = []
    for path in READS:
        answer = api.client.get(path, headers=api.headers["ana"])
        assert answer.status_code == 200, (path, answer.text)
        seen += [(path + where, value) for where, value in money_values(answer.json())]
    present = [(where, value) for where, value in seen if value is not None]
    assert len(present) >= 3, seen  # the basic registry's links carry annual values
    wrong = [(where, value) for where, value in present if not (isinstance(value, str) and DECIMAL.match(value))]
    assert wrong == []
