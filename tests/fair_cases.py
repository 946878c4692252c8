"""A small hand-made fair on top of the basic registry (all synthetic), and an independent schedule checker."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tests.factories import write_basic, write_csv

# E1 (in cluster) buys U.HYD from E2 (Germany, outside) and E3 (in cluster): U.HYD is a gap. E2 also
# makes M.EXC, which E1 makes in the cluster, so the gap is related to the cluster (feasibility > 0).
MAKES = [
    {"enterprise_id": "E1", "node_code": "M.EXC", "source": "synthetic"},
    {"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"},
    {"enterprise_id": "E2", "node_code": "M.EXC", "source": "synthetic"},
    {"enterprise_id": "E3", "node_code": "U.HYD", "source": "synthetic"},
]
FAIRS = [
    {
        "id": "F1",
        "name_zh": "测试展会",
        "name_en": "Test fair",
        "edition": "1",
        "start": "2025-05-15",
        "end": "2025-05-16",
        "venue": "长沙国际会展中心",
        "first_slot": "09:00",
        "slot_minutes": "30",
        "slots_per_day": "3",
        "tables": "2",
        "timezone": "Asia/Shanghai",
        "source": "synthetic",
    },
]
PARTICIPANTS = [
    {
        "id": "X1",
        "fair_id": "F1",
        "role": "exhibitor",
        "enterprise_id": "E2",
        "name_zh": "乙液压",
        "country": "DE",
        "offers": "U.HYD",
        "offers_text": "液压油缸与液压阀",
        "staff": "2",
        "booth": "E1-101",
        "source": "synthetic",
    },
    {
        "id": "X2",
        "fair_id": "F1",
        "role": "exhibitor",
        "enterprise_id": "E3",
        "name_zh": "丙液压",
        "country": "CN",
        "offers": "U.HYD",
        "offers_text": "液压阀",
        "source": "synthetic",
    },
    {
        "id": "X3",
        "fair_id": "F1",
        "role": "展商",
        "name_zh": "丁机械",
        "name_en": "Ding Machinery",
        "country": "JP",
        "offers": "M.EXC",
        "offers_text": "挖掘机整机",
        "available": "1",
        "source": "synthetic",
    },
    {
        "id": "B1",
        "fair_id": "F1",
        "role": "buyer",
        "enterprise_id": "E1",
        "name_zh": "长沙甲机械有限公司",
        "country": "CN",
        "needs": "U.HYD",
        "needs_text": "采购液压油缸",
        "max_meetings": "2",
        "source": "synthetic",
    },
    {
        "id": "B2",
        "fair_id": "F1",
        "role": "采购商",
        "name_zh": "越南经销商",
        "country": "VN",
        "needs": "M.EXC",
        "needs_text": "进口挖掘机",
        "source": "synthetic",
    },
    {
        "id": "B3",
        "fair_id": "F1",
        "role": "buyer",
        "name_zh": "巴西经销商",
        "country": "BR",
        "needs": "M.EXC",
        "needs_text": "挖掘机",
        "available": "2:1-2",
        "source": "synthetic",
    },
]
PREFERENCES = [
    {"from_id": "B2", "to_id": "X3", "level": "must", "source": "synthetic"},
    {"from_id": "B3", "to_id": "X3", "level": "no_thanks", "source": "synthetic"},
    {"from_id": "X2", "to_id": "B1", "level": "meet", "source": "synthetic"},
]


def write_fair(folder: Path) -> Path:
    """Write the basic registry plus the fair F1 into a folder and return it."""
    write_basic(folder)
    write_csv(folder / "enterprise_nodes.csv", "enterprise_nodes", MAKES)
    write_csv(folder / "fairs.csv", "fairs", FAIRS)
    write_csv(folder / "fair_participants.csv", "fair_participants", PARTICIPANTS)
    write_csv(folder / "fair_preferences.csv", "fair_preferences", PREFERENCES)
    return folder


def _allowed(window_text: str, day: int, slot: int) -> bool:
    for window in filter(None, window_text.split(";")):
        d, _, slots = window.partition(":")
        first, _, last = slots.partition("-")
        if int(d) == day and (not first or int(first) <= slot <= int(last or first)):
            return True
    return not window_text


def _meeting_violations(
    m: dict[str, Any], people: dict[str, dict[str, str]], days: int, vetoed: set[tuple[str, str]]
) -> list[str]:
    fair, found = FAIRS[0], []
    grid = (days, int(fair["slots_per_day"]), int(fair["tables"]))
    if not all(1 <= m[name] <= top for name, top in zip(("day", "slot", "table"), grid, strict=True)):
        found.append(f"meeting {m} is outside the grid")
    roles = (people[m["exhibitor_id"]]["role"], people[m["buyer_id"]]["role"])
    if roles[0] not in ("exhibitor", "展商") or roles[1] not in ("buyer", "采购商"):
        found.append(f"meeting {m} does not pair an exhibitor with a buyer")
    for side in ("exhibitor_id", "buyer_id"):
        if not _allowed(people[m[side]].get("available", ""), m["day"], m["slot"]):
            found.append(f"{m[side]} is not available on day {m['day']} slot {m['slot']}")
    if (m["exhibitor_id"], m["buyer_id"]) in vetoed:
        found.append(f"vetoed pair {m['exhibitor_id']}–{m['buyer_id']} was scheduled")
    return found


def schedule_violations(meetings: list[dict[str, Any]], vetoed: set[tuple[str, str]] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Check stored meetings of F1 against the fair's rules, written apart from the code under test."""
    people = {p["id"]: p for p in PARTICIPANTS}
    days = 2  # 2025-05-15 .. 2025-05-16
    found: list[str] = []
    busy = Counter((m[side], m["day"], m["slot"]) for m in meetings for side in ("exhibitor_id", "buyer_id"))
    for (who, day, slot), n in busy.items():
        if n > int(people[who].get("staff") or 1):
            found.append(f"{who} has {n} meetings in day {day} slot {slot}")
    tables = Counter((m["day"], m["slot"], m["table"]) for m in meetings)
    found += [f"table {t} used {n} times in day {d} slot {s}" for (d, s, t), n in tables.items() if n > 1]
    for m in meetings:
        found += _meeting_violations(m, people, days, vetoed)
    count = Counter(m[side] for m in meetings for side in ("exhibitor_id", "buyer_id"))
    for who, p in people.items():
        if p.get("max_meetings") and count[who] > int(p["max_meetings"]):
            found.append(f"{who} has {count[who]} meetings, more than {p['max_meetings']}")
    return found


def _no_common_slot(folder: Path) -> Path:
    """B2 must meet X3, but X3 is there on day 1 only and B2 on day 2 only."""
    write_fair(folder)
    people = [{**p, "available": "2"} if p["id"] == "B2" else p for p in PARTICIPANTS]
    write_csv(folder / "fair_participants.csv", "fair_participants", people)
    return folder
