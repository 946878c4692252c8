"""The synthetic registry's clusters (`--clusters K`): each a city or a province of its own, with a chain
segment or system as its subtree; enterprises are spread over their places too, and links are drawn
regardless of place, so a supplier in one cluster serves customers in others."""

from __future__ import annotations

from dataclasses import dataclass

from chainatlas.interchange.synth_firms import SOURCE, Table

MAX_CLUSTERS = 155
"""Five clusters per province at most (31 provinces): the place numbers stay two digits in the division codes."""
PLACE_SHARE = 0.5
"""The share of enterprises placed in the clusters' places (the others where the generator puts them anyway)."""

_PROVINCES = (
    ("北京市", "11"),
    ("天津市", "12"),
    ("河北省", "13"),
    ("山西省", "14"),
    ("内蒙古自治区", "15"),
    ("辽宁省", "21"),
    ("吉林省", "22"),
    ("黑龙江省", "23"),
    ("上海市", "31"),
    ("江苏省", "32"),
    ("浙江省", "33"),
    ("安徽省", "34"),
    ("福建省", "35"),
    ("江西省", "36"),
    ("山东省", "37"),
    ("河南省", "41"),
    ("湖北省", "42"),
    ("湖南省", "43"),
    ("广东省", "44"),
    ("广西壮族自治区", "45"),
    ("海南省", "46"),
    ("重庆市", "50"),
    ("四川省", "51"),
    ("贵州省", "52"),
    ("云南省", "53"),
    ("西藏自治区", "54"),
    ("陕西省", "61"),
    ("甘肃省", "62"),
    ("青海省", "63"),
    ("宁夏回族自治区", "64"),
    ("新疆维吾尔自治区", "65"),
)
_SEGMENTS = (("U", "上游"), ("M", "中游"), ("D", "下游"), ("S", "配套"))
_ROOTS = (
    ("S.U", "上游"),
    ("S.M", "中游"),
    ("S.D", "下游"),
    ("S.S", "配套服务"),
    *((f"S.{segment}.{n:02d}", f"{name}{n:02d}系统") for segment, name in _SEGMENTS for n in range(1, 5)),
)
PROVINCE_EVERY = 4
"""Every fourth cluster is a whole province (two places of its own); the others are one city."""

Place = tuple[str, str, str, str, str, str, bool]
"""(country, province, city, district, park, division code, in the default cluster) as `synth_firms` places."""


@dataclass(frozen=True)
class SynthClusters:
    """The clusters' rows and the places enterprises are spread over."""

    table: Table
    places: tuple[Place, ...]


def clusters(count: int) -> SynthClusters:
    """Return `count` clusters, ids c01, c02, …, and their places."""
    rows: list[dict[str, str]] = []
    places: list[Place] = []
    for i in range(count):
        province, code = _PROVINCES[i % len(_PROVINCES)]
        short = province.removesuffix("省").removesuffix("市").removesuffix("自治区")
        root, root_zh = _ROOTS[i % len(_ROOTS)]
        if i % PROVINCE_EVERY == PROVINCE_EVERY - 1:
            region, where = f"province:{province}", province
            numbers: tuple[int, ...] = (90 + 2 * (i // len(_PROVINCES)), 91 + 2 * (i // len(_PROVINCES)))
        else:
            number = i // len(_PROVINCES) * PROVINCE_EVERY + i % PROVINCE_EVERY + 1
            where, region, numbers = f"{short}合成{number:02d}市", f"city:{short}合成{number:02d}市", (number,)
        places += [("CN", province, f"{short}合成{n:02d}市", "", "", f"{code}{n:02d}00", False) for n in numbers]
        rows.append(
            {
                "id": f"c{i + 1:02d}",
                "name_zh": f"{where}{root_zh}产业集群",
                "name_en": f"Synthetic cluster {i + 1:02d} ({root})",
                "region": region,
                "root_code": root,
                "is_default": "false",
                "source": SOURCE,
            }
        )
    table = {name: [row[name] for row in rows] for name in rows[0]} if rows else {}
    return SynthClusters(table, tuple(places))
