"""The organisations a Changsha user enters (组织机构): development zones, the association, government bodies and
institutes, with the short names news writes them under.

Each body is real. Where shared/data/changsha-cluster-facts.md (beside the checkout) names the body, its `source` is
the address read there; the other rows are entered from general knowledge of the city's institutions without a
cited page, so their `source` is `synthetic` (the record is a demo entry, not a sourced fact).
"""

from __future__ import annotations

from chainatlas.demo.facts import ASSOC_2023, D1CM_2022, HNRB_2021, SINA_2020
from chainatlas.domain.common import SYNTHETIC

Row = dict[str, object]
MIIT_2021 = "Hunan gov. news (repost) http://acorahome.com/hnszf/hnyw/20180408_sxhy/dlsssgsxzl/yxbd/202103/t20210324_15073010.html"
CSWB_2020 = "长沙晚报 2020-12-09 https://cs.rednet.cn/content/2020/12/09/8691337.html"
HUNAN_MIIT_2021 = (
    "Hunan Dept. of Industry & IT http://www.enghunan.gov.cn/hneng/News/Localnews/202102/t20210223_14544274.html"
)

_BODIES: list[tuple[str, str, str, str, tuple[str, ...], str | None, str]] = [
    # id, name_zh, name_en, type, aliases, city, source
    (
        "ORG-CSETDZ",
        "长沙经济技术开发区",
        "Changsha Economic and Technological Development Zone",
        "development_zone",
        ("长沙经开区", "长沙经济开发区", "Changsha ETDZ"),
        "长沙市",
        HNRB_2021,
    ),
    ("ORG-XJNA", "湖南湘江新区", "Hunan Xiangjiang New Area", "development_zone", ("湘江新区",), "长沙市", SINA_2020),
    (
        "ORG-CSHTZ",
        "长沙高新技术产业开发区",
        "Changsha Hi-tech Industrial Development Zone",
        "development_zone",
        ("长沙高新区", "长沙国家高新区"),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-NXETDZ",
        "宁乡经济技术开发区",
        "Ningxiang Economic and Technological Development Zone",
        "development_zone",
        ("宁乡经开区",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-WCETDZ",
        "望城经济技术开发区",
        "Wangcheng Economic and Technological Development Zone",
        "development_zone",
        ("望城经开区",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-LYETDZ",
        "浏阳经济技术开发区",
        "Liuyang Economic and Technological Development Zone",
        "development_zone",
        ("浏阳经开区",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-XTETDZ",
        "湘潭经济技术开发区",
        "Xiangtan Economic and Technological Development Zone",
        "development_zone",
        ("湘潭经开区",),
        "湘潭市",
        SYNTHETIC,
    ),
    (
        "ORG-ZZHTZ",
        "株洲高新技术产业开发区",
        "Zhuzhou Hi-tech Industrial Development Zone",
        "development_zone",
        ("株洲高新区",),
        "株洲市",
        SYNTHETIC,
    ),
    (
        "ORG-CSCMA",
        "长沙市工程机械行业协会",
        "Changsha Construction Machinery Industry Association",
        "association",
        ("长沙工程机械行业协会", "长沙工程机械协会"),
        "长沙市",
        f"{ASSOC_2023} ; {D1CM_2022}",
    ),
    (
        "ORG-HNCMA",
        "湖南省工程机械行业协会",
        "Hunan Construction Machinery Industry Association",
        "association",
        ("湖南工程机械行业协会",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-CCMA",
        "中国工程机械工业协会",
        "China Construction Machinery Association",
        "association",
        ("中国工程机械协会", "CCMA"),
        None,
        SYNTHETIC,
    ),
    (
        "ORG-CMIF",
        "中国机械工业联合会",
        "China Machinery Industry Federation",
        "association",
        ("机械工业联合会",),
        None,
        SYNTHETIC,
    ),
    (
        "ORG-MIIT",
        "工业和信息化部",
        "Ministry of Industry and Information Technology",
        "government",
        ("工信部", "国家工业和信息化部", "MIIT"),
        None,
        f"{MIIT_2021} ; {D1CM_2022}",
    ),
    (
        "ORG-NDRC",
        "国家发展和改革委员会",
        "National Development and Reform Commission",
        "government",
        ("国家发改委", "NDRC"),
        None,
        SYNTHETIC,
    ),
    (
        "ORG-HNMIIT",
        "湖南省工业和信息化厅",
        "Hunan Provincial Department of Industry and Information Technology",
        "government",
        ("湖南省工信厅", "省工信厅", "省工业和信息化厅"),
        "长沙市",
        HUNAN_MIIT_2021,
    ),
    (
        "ORG-HNDRC",
        "湖南省发展和改革委员会",
        "Hunan Provincial Development and Reform Commission",
        "government",
        ("湖南省发改委", "省发改委"),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-HNCOM",
        "湖南省商务厅",
        "Hunan Provincial Department of Commerce",
        "government",
        ("省商务厅",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-CSGOV",
        "长沙市人民政府",
        "Changsha Municipal People's Government",
        "government",
        ("长沙市政府",),
        "长沙市",
        CSWB_2020,
    ),
    (
        "ORG-CSMIIT",
        "长沙市工业和信息化局",
        "Changsha Municipal Bureau of Industry and Information Technology",
        "government",
        ("长沙市工信局", "市工信局"),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-CSCOM",
        "长沙市商务局",
        "Changsha Municipal Bureau of Commerce",
        "government",
        ("市商务局",),
        "长沙市",
        SYNTHETIC,
    ),
    (
        "ORG-NHCMIC",
        "国家高端工程机械创新中心",
        "National High-end Construction Machinery Innovation Centre",
        "institute",
        (),
        "长沙市",
        SYNTHETIC,
    ),
    ("ORG-CSU", "中南大学", "Central South University", "institute", (), "长沙市", SYNTHETIC),
    ("ORG-HNU", "湖南大学", "Hunan University", "institute", (), "长沙市", SYNTHETIC),
]


def organisation_rows() -> list[Row]:
    """Return the demo's organisations."""
    return [
        {
            "id": oid,
            "name_zh": name_zh,
            "name_en": name_en,
            "type": kind,
            "aliases": aliases,
            "province": "湖南省" if city in ("长沙市", "湘潭市", "株洲市") else None,
            "city": city,
            "source": source,
        }
        for oid, name_zh, name_en, kind, aliases, city, source in _BODIES
    ]
