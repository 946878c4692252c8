"""Every message code the code base names exists in the catalogue, with the parameters it is given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chainatlas.domain.alert import AlertState
from chainatlas.domain.fair import FairRole
from chainatlas.domain.messages import CATALOGUE, placeholders
from chainatlas.domain.messages_registry import KIND_NOUNS, REFERENCE_NOUNS

SRC = Path(__file__).resolve().parents[2] / "src" / "chainatlas"
LITERAL = re.compile(
    r"""(?:code=|Problem\.coded\(\s*[^,]+,\s*|field_error\(\s*|kind_code\(\s*)"([a-z_]+\.[a-z_.]+)\""""
)


def codes_named_in_source() -> set[str]:
    """Return the literal message codes raised or returned anywhere in the package."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_the_scan_finds_codes() -> None:
    assert {"users.not_found", "field.period", "record.not_found", "job.busy"} <= codes_named_in_source()


@pytest.mark.parametrize("code", sorted(codes_named_in_source()))
def test_every_literal_code_is_in_the_catalogue(code: str) -> None:
    assert code in CATALOGUE


@pytest.mark.parametrize(
    "code",
    [
        *(f"scenario.{c}" for c in ("syntax", "empty", "empty_id", "unknown_node", "country_path", "no_match")),
        *(f"access.admin_{what}" for what in ("tokens", "sessions")),
        *(f"alert.not_open.{state.value}" for state in AlertState if state is not AlertState.OPEN),
        *(f"fair.preference_same_side.{role.value}" for role in FairRole),
        *(f"reference.unknown_{kind}" for kind in REFERENCE_NOUNS),
        *(
            f"{code}.{kind}"
            for code in ("record.not_found", "record.exists", "record.still_referred")
            for kind in KIND_NOUNS
        ),
    ],
)
def test_every_composed_code_is_in_the_catalogue(code: str) -> None:
    assert code in CATALOGUE


def test_a_kind_record_message_names_the_kind_in_each_language() -> None:
    zh, en = CATALOGUE["record.not_found.supply_links"]
    assert (zh, en) == ("没有供应关系记录 {key}", "no supply link record {key}")
    assert placeholders(zh) == {"key"}
