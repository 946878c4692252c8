"""An independent reader and validator for B2B schedules (shares no code with chainatlas)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.shared_data import shared

DATA = shared("b2b-meetings")
# Published optima, d = 2: Bofill et al. 2022 Table 3 as given in DATA/README.md.
PUBLISHED = {
    "tic-12": 0,
    "tic-12crafc": 0,
    "forum-13": 0,
    "forum-13crafc": 1,
    "ticf-13crafa": 0,
    "ticf-13crafc": 1,
    "forum-14": 2,
    "ticf-14crafa": 0,
}


@dataclass
class Raw:
    """The fields of a .dzn file, read with regular expressions."""

    n_people: int
    n_tables: int
    n_slots: int
    n_morning: int
    requested: list[tuple[int, int, int]]
    forbidden: list[set[int]]


def read_raw(text: str) -> Raw:
    """Read the fields the validator needs."""

    def field(name: str) -> str:
        match = re.search(rf"\b{name}\s*=\s*(.*?);", text, re.S)
        assert match, name
        return match.group(1)

    numbers = [int(n) for n in re.findall(r"-?\d+", field("requested"))]
    requested = [(numbers[i], numbers[i + 1], numbers[i + 2]) for i in range(0, len(numbers), 3)]
    forbidden = [
        {int(n) for n in re.findall(r"\d+", body)} - {0} for body in re.findall(r"\{([^}]*)\}", field("forbidden"))
    ]
    return Raw(
        int(field("nBusiness")),
        int(field("nTables")),
        int(field("nTotalSlots")),
        int(field("nMorningSlots")),
        requested,
        forbidden,
    )


def pattern_breaks(busy: set[int], n_slots: int) -> int:
    """Count breaks by drawing the agenda as a string (★ busy, 0 idle) and counting idle runs between ★."""
    agenda = "".join("★" if t in busy else "0" for t in range(1, n_slots + 1))
    return len(re.findall(r"(?<=★)0+(?=★)", agenda))


def agendas(raw: Raw, slots: list[int]) -> dict[int, list[int]]:
    """Return every participant's busy slots."""
    busy: dict[int, list[int]] = {p: [] for p in range(1, raw.n_people + 1)}
    for (p1, p2, _), slot in zip(raw.requested, slots, strict=True):
        busy[p1].append(slot)
        busy[p2].append(slot)
    return busy


def violations(raw: Raw, slots: list[int], tables: list[int], max_breaks: int) -> list[str]:
    """Return every broken rule (an empty list for a valid schedule)."""
    if len(slots) != len(raw.requested) or len(tables) != len(raw.requested):
        return [f"{len(slots)} slots and {len(tables)} tables for {len(raw.requested)} meetings"]
    return _placement(raw, slots) + _agendas(raw, slots, max_breaks) + _tables(raw, slots, tables)


def _placement(raw: Raw, slots: list[int]) -> list[str]:
    found = []
    for i, ((p1, p2, session), slot) in enumerate(zip(raw.requested, slots, strict=True), 1):
        if not 1 <= slot <= raw.n_slots:
            found.append(f"meeting {i} in slot {slot}")
        if session == 1 and slot > raw.n_morning or session == 2 and slot <= raw.n_morning:
            found.append(f"meeting {i} (session {session}) in slot {slot}")
        if slot in raw.forbidden[p1 - 1] or slot in raw.forbidden[p2 - 1]:
            found.append(f"meeting {i} in a forbidden slot {slot}")
    return found


def _agendas(raw: Raw, slots: list[int], max_breaks: int) -> list[str]:
    found = []
    for p, busy in agendas(raw, slots).items():
        if len(busy) != len(set(busy)):
            found.append(f"participant {p} double-booked")
        if pattern_breaks(set(busy), raw.n_slots) > max_breaks:
            found.append(f"participant {p} has more than {max_breaks} breaks")
    return found


def _tables(raw: Raw, slots: list[int], tables: list[int]) -> list[str]:
    found = []
    for t in range(1, raw.n_slots + 1):
        at = [table for slot, table in zip(slots, tables, strict=True) if slot == t]
        if len(at) > raw.n_tables or len(set(at)) != len(at) or any(not 1 <= x <= raw.n_tables for x in at):
            found.append(f"slot {t}: tables {sorted(at)} with {raw.n_tables} tables")
    return found


def total(raw: Raw, slots: list[int]) -> int:
    """Return the total of breaks of a schedule."""
    return sum(pattern_breaks(set(busy), raw.n_slots) for busy in agendas(raw, slots).values())
