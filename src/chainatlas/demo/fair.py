"""The demo fair: CICEE 2023 (3rd edition) with a synthetic hosted-buyer registration.

The fair's edition and dates are real (changsha-cluster-facts.md §5.7, with the address); its
meeting grid and every participant and preference are synthetic. Participants link to synthetic
demo enterprises only (never to the real firms, whose participation no source here states):
outside suppliers of the nodes the cluster buys, in-cluster makers, in-cluster buyers, and
foreign dealers without an enterprise record.
"""

from __future__ import annotations

import random
from collections import defaultdict

from chainatlas.demo.facts import CICEE_2023
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
FAIR_ID = "CICEE2023"
SEED = 20230512
OUTSIDE_EXHIBITORS, LOCAL_EXHIBITORS, LOCAL_BUYERS, DEALERS = 24, 12, 18, 26
DEALER_COUNTRIES = (
    ("VN", "越南", "Vietnam"),
    ("TH", "泰国", "Thailand"),
    ("ID", "印度尼西亚", "Indonesia"),
    ("SA", "沙特阿拉伯", "Saudi Arabia"),
    ("AE", "阿联酋", "UAE"),
    ("RU", "俄罗斯", "Russia"),
    ("BR", "巴西", "Brazil"),
    ("ZA", "南非", "South Africa"),
    ("TR", "土耳其", "Türkiye"),
    ("MY", "马来西亚", "Malaysia"),
)
OFFER_PHRASES = ("提供{names}，可按主机厂要求定制", "{names}批量供货，交期稳定", "专业生产{names}，支持联合开发")
NEED_PHRASES = ("采购{names}，寻找稳定供应商", "寻求{names}本地配套", "需要{names}，年采购量较大")
DEALER_PHRASES = ("代理进口{names}，面向{country}市场", "采购{names}用于{country}基建项目")


def fair_row() -> Row:
    """Return the fair: real edition and dates (sourced), synthetic meeting grid."""
    return {
        "id": FAIR_ID,
        "name_zh": "第三届长沙国际工程机械展览会",
        "name_en": "3rd Changsha International Construction Equipment Exhibition",
        "edition": 3,
        "start": "2023-05-12",
        "end": "2023-05-15",
        "venue": None,
        "first_slot": "09:30",
        "slot_minutes": 30,
        "slots_per_day": 8,
        "tables": 12,
        "timezone": "Asia/Shanghai",
        "source": f"(edition and dates; the meeting grid is synthetic) {CICEE_2023}",
    }


def _names(codes: list[str], names: dict[str, str]) -> str:
    return "、".join(names[c] for c in codes)


def _participant(pid: str, role: str, name: str, name_en: object, country: object, **extra: object) -> Row:
    row: Row = {
        "id": pid,
        "fair_id": FAIR_ID,
        "role": role,
        "enterprise_id": None,
        "name_zh": name,
        "name_en": name_en,
        "delegation": None,
        "country": country,
        "offers": (),
        "needs": (),
        "offers_text": None,
        "needs_text": None,
        "available": (),
        "min_meetings": 0,
        "max_meetings": None,
        "staff": 1,
        "booth": None,
        "source": SYNTHETIC,
    }
    row.update(extra)
    return row


def _availability(rng: random.Random) -> tuple[str, ...]:
    roll = rng.random()
    if roll < 0.6:
        return ()
    if roll < 0.8:
        return tuple(str(d) for d in sorted(rng.sample(range(1, 5), 2)))
    day = rng.randint(1, 4)
    return (f"{day}:1-4", f"{min(day + 1, 4)}:5-8")


def participant_rows(
    rng: random.Random, enterprises: list[Row], makes: list[Row], links: list[Row], names: dict[str, str]
) -> list[Row]:
    """Return exhibitors (outside suppliers, local makers) and buyers (local makers, foreign dealers)."""
    firms = {str(e["id"]): e for e in enterprises if e["source"] == SYNTHETIC}
    made: dict[str, list[str]] = defaultdict(list)
    for m in makes:
        if str(m["enterprise_id"]) in firms:
            made[str(m["enterprise_id"])].append(str(m["node_code"]))
    bought: dict[str, set[str]] = defaultdict(set)
    for link in links:
        bought[str(link["customer_id"])].add(str(link["node_code"]))
    outside = sorted(f for f in made if not firms[f]["in_cluster"] and made[f][0].startswith("U"))
    local_makers = sorted(f for f in made if firms[f]["in_cluster"] and made[f][0][0] in "UM")
    local_buyers = sorted(f for f in bought if f in firms and firms[f]["in_cluster"] and len(bought[f]) >= 2)
    rows = [
        _exhibitor(rng, n, f, firms[f], made[f], names)
        for n, f in enumerate(rng.sample(outside, OUTSIDE_EXHIBITORS), 1)
    ]
    rows += [
        _exhibitor(rng, n, f, firms[f], made[f], names)
        for n, f in enumerate(rng.sample(local_makers, LOCAL_EXHIBITORS), OUTSIDE_EXHIBITORS + 1)
    ]
    rows += [
        _local_buyer(rng, n, f, firms[f], sorted(bought[f]), names)
        for n, f in enumerate(rng.sample(local_buyers, LOCAL_BUYERS), 1)
    ]
    machines = sorted({str(m["node_code"]) for m in makes if str(m["node_code"]).startswith("M.")})
    rows += [_dealer(rng, n, machines, names) for n in range(LOCAL_BUYERS + 1, LOCAL_BUYERS + DEALERS + 1)]
    return rows


def _exhibitor(rng: random.Random, n: int, firm_id: str, firm: Row, nodes: list[str], names: dict[str, str]) -> Row:
    offers = nodes[:3]
    text = rng.choice(OFFER_PHRASES).format(names=_names(offers, names))
    return _participant(
        f"C23-X{n:03d}",
        "exhibitor",
        str(firm["name_zh"]),
        firm["name_en"],
        firm["country"],
        enterprise_id=firm_id,
        offers=tuple(offers),
        offers_text=text,
        available=_availability(rng),
        min_meetings=rng.choice((0, 0, 1)),
        max_meetings=rng.choice((8, 10, 12)),
        staff=rng.choice((1, 1, 2, 3)),
        booth=f"E{rng.randint(1, 6)}-{rng.randint(1, 60):03d}",
    )


def _local_buyer(rng: random.Random, n: int, firm_id: str, firm: Row, nodes: list[str], names: dict[str, str]) -> Row:
    needs = rng.sample(nodes, min(3, len(nodes)))
    text = rng.choice(NEED_PHRASES).format(names=_names(needs, names))
    return _participant(
        f"C23-B{n:03d}",
        "buyer",
        str(firm["name_zh"]),
        firm["name_en"],
        firm["country"],
        enterprise_id=firm_id,
        needs=tuple(sorted(needs)),
        needs_text=text,
        available=_availability(rng),
        min_meetings=rng.choice((0, 1)),
        max_meetings=rng.choice((6, 8, 10)),
    )


def _dealer(rng: random.Random, n: int, machines: list[str], names: dict[str, str]) -> Row:
    code, country_zh, country_en = rng.choice(DEALER_COUNTRIES)
    needs = sorted(rng.sample(machines, 2))
    text = rng.choice(DEALER_PHRASES).format(names=_names(needs, names), country=country_zh)
    return _participant(
        f"C23-B{n:03d}",
        "buyer",
        f"{country_zh}经销商{n:02d}",
        f"{country_en} dealer {n:02d}",
        code,
        delegation=f"{country_zh}采购团",
        needs=tuple(needs),
        needs_text=text,
        available=_availability(rng),
        max_meetings=rng.choice((4, 6, 8)),
    )


def preference_rows(rng: random.Random, participants: list[Row]) -> list[Row]:
    """Return synthetic wishes: buyers' must-meets and meets, exhibitors' meets, a few no-thanks."""
    exhibitors = [p for p in participants if p["role"] == "exhibitor"]
    buyers = [p for p in participants if p["role"] == "buyer"]
    chosen: dict[tuple[object, object], str] = {}
    for buyer in rng.sample(buyers, 20):
        target = rng.choice(exhibitors)
        chosen[(buyer["id"], target["id"])] = rng.choice(("must", "meet", "meet"))
    for exhibitor in rng.sample(exhibitors, 12):
        chosen[(exhibitor["id"], rng.choice(buyers)["id"])] = rng.choice(("meet", "meet", "no_thanks"))
    return [
        {"from_id": a, "to_id": b, "level": level, "note": None, "source": SYNTHETIC}
        for (a, b), level in sorted(chosen.items(), key=lambda item: (str(item[0][0]), str(item[0][1])))
    ]


def fair_kinds(enterprises: list[Row], makes: list[Row], links: list[Row], nodes: list[Row]) -> dict[str, list[Row]]:
    """Return the demo fair's rows of every fair kind (no meetings or attendance: the organiser schedules them)."""
    rng = random.Random(SEED)  # noqa: S311 - a reproducible demo, not a secret
    names = {str(n["code"]): str(n["name_zh"]) for n in nodes}
    participants = participant_rows(rng, enterprises, makes, links, names)
    return {
        "fairs": [fair_row()],
        "fair_participants": participants,
        "fair_preferences": preference_rows(rng, participants),
        "fair_meetings": [],
        "fair_attendance": [],
    }
