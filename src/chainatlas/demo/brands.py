"""Demo brands, brand rankings and innovation platforms, and the scorecard's counted series and targets.

Real rows only from the facts file: the five Changsha makers in the 2023 Global Top 50 (《中国工程机械》 list,
ranks 5, 9, 32, 38, 48). The facts file names no technology centre, laboratory or innovation centre, so
every platform is synthetic, owned by a synthetic firm (never a real one), and so are the synthetic brands,
the earlier periods of the counted series, the 2024 monthly exports (for 同比) and the count targets.
A generator of its own (seeded apart) keeps every other demo file as it was.
"""

from __future__ import annotations

import random

from chainatlas.demo import facts
from chainatlas.demo.firms import Firm, Registry
from chainatlas.demo.monitoring import BASE_YEAR, MONTH_WEIGHTS, YEARS, indicator, target
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
SEED = 20251106
TOP50_2023 = {"E0001": 5, "E0002": 9, "E0003": 32, "E0004": 38, "E0005": 48}
"""Ranks of the real makers in the 2023 Global Top 50, as the facts file gives them (source facts.TOP50)."""
TOP50_EARLIER = {"2019": 4, "2020": 4, "2021": 5, "2022": 5}
"""Synthetic counts of the cluster's brands in earlier lists (the registry counts 2023 from sourced rankings)."""
PLATFORM_KINDS = (
    ("enterprise_technology_centre", "企业技术中心", "enterprise technology centre"),
    ("key_laboratory", "重点实验室", "key laboratory"),
    ("engineering_research_centre", "工程技术研究中心", "engineering research centre"),
)
TAG_METRICS = {"specialised_smes": ("专精特新", "小巨人"), "little_giants": ("小巨人",)}


def real_brands() -> tuple[list[Row], list[Row]]:
    """Return the real makers' brands and their 2023 Global Top 50 ranks, named as the source names them."""
    brands, ranks = [], []
    for firm in facts.real_enterprises():
        owner = str(firm["id"])
        brand = f"B{owner[1:]}"
        brands.append(
            {
                "id": brand,
                "name_zh": firm["name_zh"],
                "name_en": firm["name_en"],
                "owner_id": owner,
                "source": facts.TOP50,
            }
        )
        ranks.append(
            {
                "brand_id": brand,
                "ranking": "global_top50",
                "year": 2023,
                "rank": TOP50_2023[owner],
                "source": facts.TOP50,
            }
        )
    return brands, ranks


def biggest_local(reg: Registry, count: int) -> list[Firm]:
    """Return the synthetic cluster firms with the most output, largest first."""
    local = [firm for firm in reg.firms if firm.in_cluster and not firm.real]
    return sorted(local, key=lambda firm: (-sum(firm.output.values()), firm.id))[:count]


def synthetic_brands(reg: Registry) -> list[Row]:
    """Return one brand (its made-up word) for each of the six biggest synthetic cluster firms."""
    return [
        {
            "id": f"BS{n:02d}",
            "name_zh": firm.word[0],
            "name_en": firm.word[1].capitalize(),
            "owner_id": firm.id,
            "source": SYNTHETIC,
        }
        for n, firm in enumerate(biggest_local(reg, 6), start=1)
    ]


def platform_rows(rng: random.Random, reg: Registry) -> list[Row]:
    """Return synthetic platforms of the 24 biggest synthetic cluster firms: a fifth national, the rest provincial."""
    rows: list[Row] = []
    for n, firm in enumerate(biggest_local(reg, 24), start=1):
        kind, kind_zh, kind_en = PLATFORM_KINDS[n % len(PLATFORM_KINDS)]
        national = n % 5 == 1
        level_zh, level_en = ("国家", "national") if national else ("湖南省", "Hunan")
        rows.append(
            {
                "id": f"PL{n:03d}",
                "name_zh": f"{level_zh}{firm.word[0]}{kind_zh}",
                "name_en": f"{firm.word[1].capitalize()} {level_en} {kind_en}",
                "kind": kind,
                "level": "national" if national else "provincial",
                "owner_id": firm.id,
                "year": rng.randint(2010 if national else 2014, 2025),
                "source": SYNTHETIC,
            }
        )
    return rows


def tag_series(rng: random.Random, enterprises: list[Row]) -> list[Row]:
    """Return yearly counts of cluster firms per tag metric, each firm recognised in a synthetic year 2019–2025."""
    rows: list[Row] = []
    for metric, tags in TAG_METRICS.items():
        tagged = [f for f in enterprises if f.get("in_cluster") and set(tags) & set(f.get("tags") or ())]  # type: ignore[call-overload]
        years = sorted(rng.randint(2019, 2025) for _ in tagged)
        for year in YEARS:
            rows.append(
                {**indicator(metric, "cluster", str(year), 0, "家"), "value": str(sum(y <= year for y in years))}
            )
    return rows


def platform_series(platforms: list[Row]) -> list[Row]:
    """Return yearly counts of national and provincial platforms recognised by each year."""
    rows: list[Row] = []
    for metric, level in (("national_platforms", "national"), ("provincial_platforms", "provincial")):
        for year in YEARS:
            count = sum(1 for p in platforms if p["level"] == level and int(str(p["year"])) <= year)
            rows.append({**indicator(metric, "cluster", str(year), 0, "个"), "value": str(count)})
    return rows


def monthly_exports_2024(rng: random.Random, indicators: list[Row]) -> list[Row]:
    """Return 2024's year-to-date exports (1–N月累计), so 2025's months have a 同比 base."""
    year = next(float(str(r["value"])) for r in indicators if r["metric"] == "exports" and r["period"] == "2024")
    weights = [w * rng.uniform(0.85, 1.15) for w in MONTH_WEIGHTS]
    done, rows = 0.0, []
    for month, weight in enumerate(weights[:-1], start=1):
        done += weight
        rows.append(indicator("exports", "cluster", f"2024-{month:02d}", year * done / sum(weights), "亿元"))
    return rows + [indicator("exports", "cluster", "2024-12", year, "亿元")]


def count_target(metric: str, period: str, value: int, baseline: Row, unit: str) -> Row:
    """Return a synthetic target for a count: a whole number from a baseline row."""
    return target(metric, "cluster", period, value, baseline, unit) | {"target_value": str(value), "unit": unit}


def count_targets(series: list[Row]) -> list[Row]:
    """Return synthetic targets for the counted metrics: the 2025 value plus a step, from the BASE_YEAR value as
    baseline (all synthetic; brands: 7 by 2030 from the synthetic 2020 count)."""
    latest = {str(r["metric"]): r for r in series if r["period"] == "2025"}
    base_year = {str(r["metric"]): r for r in series if r["period"] == BASE_YEAR}
    plans = (
        ("specialised_smes", "2027", 8, "家"),
        ("little_giants", "2027", 3, "家"),
        ("national_platforms", "2030", 3, "个"),
        ("provincial_platforms", "2027", 5, "个"),
    )
    rows = [count_target(m, p, int(str(latest[m]["value"])) + step, base_year[m], unit) for m, p, step, unit in plans]
    return [*rows, count_target("global_top50_brands", "2030", 7, base_year["global_top50_brands"], "个")]


def add_brands_and_platforms(rows: dict[str, list[Row]], reg: Registry, enterprises: list[Row]) -> None:
    """Add brands, rankings and platforms, and the counted series, 2024 months and targets, to the demo rows."""
    rng = random.Random(SEED)  # noqa: S311 - a reproducible demo, not a secret
    brands, rankings = real_brands()
    rows["brands"] = brands + synthetic_brands(reg)
    rows["brand_rankings"] = rankings
    rows["innovation_platforms"] = platform_rows(rng, reg)
    top50 = [
        {**indicator("global_top50_brands", "cluster", y, 0, "个"), "value": str(n)} for y, n in TOP50_EARLIER.items()
    ]
    counted = tag_series(rng, enterprises) + platform_series(rows["innovation_platforms"]) + top50
    rows["indicators"] += counted + monthly_exports_2024(rng, rows["indicators"])
    rows["targets"] += count_targets(counted)
