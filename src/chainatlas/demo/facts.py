"""The real, sourced rows of the demo dataset: data only, every row with the address it was read at.

All figures come from shared/data/changsha-cluster-facts.md (beside the checkout); where a source gives only a bound
or an approximation, the value is that bound and the source says so in brackets before the address.
"""

from __future__ import annotations

Row = dict[str, object]

BJREVIEW = "Beijing Review 2019-05-27 http://www.bjreview.com/China/201905/t20190527_800169089.html"
CSWB_2020 = (
    "(lower bound: “产业链总产值首破2000亿元”) 长沙晚报 2020-12-09 https://cs.rednet.cn/content/2020/12/09/8691337.html"
)
HNRB_2021 = "湖南日报 2021-01-14 (repost) http://news.21-sun.com/detail/2021/01/2021011415094421.shtml"
D1CM_2022 = "红网 2022-07-26 (via d1cm) https://news.d1cm.com/20220726142097.shtml"
CNS_2023 = "中新社 2023-04-10 (repost) http://m.b8iz8ocd.cn/redian/2023/0410/67647.html"
ASSOC_2023 = "长沙市工程机械行业协会 2023-09 (repost) https://sthdqzj.com/html/xinwendongtai/meitibaodao/4802.html"
CSWB_2025 = "长沙晚报 2025-06-14 (repost) http://www.laoband.top/a/2683.html"
ASSOC_2026 = "长沙市工程机械行业协会 2026-01-20 (repost) http://sxgxwl.com.cn/news/new30012026102410.html"
STCN_2024 = "证券时报 (repost) https://www.xuehua.us/a/6605fbc3c10a57ef28960cc6"
CHINADAILY_2021 = "China Daily 2021-09-18 https://epaper.chinadaily.com.cn/a/202109/18/WS61452137a3102c9543a16113.html"
FYP12 = (
    "http://www.jjckb.cn/2012-09/19/content_402278.htm ; "
    "http://covid-19.chinadaily.com.cn/dfpd/hun/en/2012-07/04/content_15574841.htm"
)
CICEE_2019 = (
    "Beijing Review http://www.bjreview.com/China/201905/t20190527_800169089.html ; "
    "PRNewswire https://www.prnewswire.com/news-releases/smart-manufacturing-elevates-hunan-to-the-world-stage-300890818.html"
)
CICEE_2023 = "http://m.shanghui.rexun.cn/rd/2023/0517/12231.html ; http://ccmn.net/xiehui-detail_1-14303.html"
ZOOMLION_CITY = (
    "https://finance.sina.com.cn/stock/relnews/hk/2020-08-07/doc-iivhuipn7435306.shtml ; "
    "http://358.org.cn/html/business_news/2122.html ; https://yq.rednet.cn/content/2022/02/21/10889294.html"
)
SINA_2020 = "https://finance.sina.com.cn/stock/relnews/hk/2020-08-07/doc-iivhuipn7435306.shtml"
EXCAVATOR_PARK = (
    "https://m.cnmaso.com/h/101150/20190902/618899.html ; "
    "https://finance.sina.com.cn/stock/relnews/hk/2020-08-07/doc-iivhuipn7435306.shtml"
)
SANY_TRUCKS = "https://manongdao.com/article-1583827.html ; http://china-qiche.com/news/content/NewsId/20004.html"
SUNWARD_CITY = "http://www.sobpetroleum.net/news/73.html"
TOP50 = "《中国工程机械》 Global Top 50 2023 (repost) https://sthdqzj.com/html/xinwendongtai/meitibaodao/4802.html"

_TICKERS = {
    "E0001": ("600031.SH", "https://stockanalysis.com/quote/sha/600031/financials"),
    "E0002": ("000157.SZ", "https://stockanalysis.com/quote/she/000157/financials"),
    "E0003": ("688425.SH", "https://stockanalysis.com/quote/sha/688425/financials"),
    "E0004": ("002097.SZ", "https://stockanalysis.com/quote/she/002097/financials"),
}
_REAL_NAMES = {
    "E0001": ("三一重工", "Sany Heavy Industry"),
    "E0002": ("中联重科", "Zoomlion"),
    "E0003": ("铁建重工", "China Railway Construction Heavy Industry (CRCHI)"),
    "E0004": ("山河智能", "Sunward"),
    "E0005": ("星邦智能", "Sinoboom"),
}
_ALIASES = {
    "E0001": ("三一", "三一集团", "三一重机", "三一集团有限公司", "三一重工股份有限公司", "Sany", "Sany Group"),
    "E0002": ("中联", "中联重科股份有限公司", "Zoomlion Heavy Industry"),
    "E0003": ("中国铁建重工", "中国铁建重工集团", "铁建重工集团", "中国铁建重工集团股份有限公司", "CRCHI"),
    "E0004": ("山河智能装备股份有限公司", "山河智能装备集团", "Sunward Intelligent Equipment"),
    "E0005": ("星邦", "湖南星邦智能装备股份有限公司", "星邦重工"),
}
"""The short, group and subsidiary names news and users write for the five makers (三一集团 / 三一重工 / 三一重机 are
all Sany here: the registry keeps one record per group). Editorial, like the names themselves."""

_GROUP_REVENUE_MILLION = {
    "E0001": (100_055, 106_873, 80_839, 74_019, 78_383),
    "E0002": (65_109, 67_131, 41_631, 47_075, 45_478),
    "E0003": (7_611, 9_517, 10_102, 10_027, 10_046),
    "E0004": (9_306, 11_408, 7_302, 7_229, 7_119),
}

_EXPORT_SHARES = {
    "E0002": (0.3804, f"export_share: 2023 overseas revenue 179.05 of 470.75 亿元 (38.04 %), {STCN_2024}"),
}
"""Sourced shares of output exported (出口占比); the other real makers have no public figure here, so none."""


def real_enterprises() -> list[Row]:
    """Return the five Global-Top-50 makers in Changsha with only their sourced fields."""
    rows: list[Row] = []
    for eid, (name_zh, name_en) in _REAL_NAMES.items():
        listed, address = _TICKERS.get(eid, (None, None))
        tags = ("全球50强", "上市") if listed else ("全球50强",)
        source = TOP50 + (f" ; stockanalysis.com {address}" if address else "")
        export_share, export_source = _EXPORT_SHARES.get(eid, (None, None))
        source += f" ; {export_source}" if export_source else ""
        rows.append(
            {
                "id": eid,
                "name_zh": name_zh,
                "name_en": name_en,
                "country": "CN",
                "province": "湖南省",
                "city": "长沙市",
                "in_cluster": True,
                "tags": tags,
                "aliases": _ALIASES[eid],
                "listed_code": listed,
                "export_share": export_share,
                "source": source,
            }
        )
    return rows


def _indicator(metric: str, scope: str, period: str, value: str, unit: str, source: str) -> Row:
    """Return one indicator row."""
    return {"metric": metric, "scope": scope, "period": period, "value": value, "unit": unit, "source": source}


def group_revenues() -> list[Row]:
    """Return the listed groups' consolidated revenue 2020–2024, converted exactly to 亿元."""
    rows: list[Row] = []
    for eid, values in _GROUP_REVENUE_MILLION.items():
        address = "stockanalysis.com " + _TICKERS[eid][1]
        for year, million in zip(range(2020, 2025), values, strict=True):
            rows.append(_indicator("group_revenue", eid, str(year), f"{million / 100:.2f}", "亿元", address))
    return rows


def real_indicators() -> list[Row]:
    """Return every sourced observation, one metric name per metric and scope of the source."""
    i = _indicator
    return [
        i("industrial_output_value", "cluster", "2018", "1660", "亿元", BJREVIEW),
        i("industrial_output_share_cn", "cluster", "2018", "26", "%", BJREVIEW),
        i("industrial_output_share_world", "cluster", "2018", "10", "%", BJREVIEW),
        i("chain_total_output", "cluster", "2019", "2000", "亿元", CSWB_2020),
        i("etdz_cm_output", "cluster", "2020", "1615", "亿元", HNRB_2021),
        i("above_scale_output", "cluster", "2021", "2900", "亿元", "(approx.) " + D1CM_2022),
        i("association_members", "cluster", "2021", "226", "家", D1CM_2022),
        i("cluster_enterprises_output", "cluster", "2022", "1990", "亿元", CNS_2023),
        i("cluster_enterprises_profit", "cluster", "2022", "90", "亿元", "(approx.) " + CNS_2023),
        i("core_oem_output", "cluster", "2023-06", "1000", "亿元", "(January–June; lower bound) " + ASSOC_2023),
        i("cluster_scale", "cluster", "2024", "2500", "亿元", "(lower bound: “突破2500亿元”) " + CSWB_2025),
        i("cluster_scale_share_cn", "cluster", "2024", "30", "%", "(lower bound) " + CSWB_2025),
        i("etdz_cm_exports", "cluster", "2024", "99.93", "亿元", CSWB_2025),
        i("etdz_cm_exports", "cluster", "2025-Q1", "24.4", "亿元", CSWB_2025),
        i(
            "key_enterprise_rd_intensity",
            "cluster",
            "2025",
            "5",
            "%",
            "(key chain enterprises; lower bound) " + ASSOC_2026,
        ),
        i("cicee_exhibitors", "cluster", "2019", "1150", "家", BJREVIEW),
        i("cicee_exhibitors", "cluster", "2023", "1500", "家", "(lower bound) " + CICEE_2023),
        i("cicee_deal_value", "cluster", "2019", "200", "亿元", "(lower bound) " + CICEE_2019),
        i("cicee_deal_value", "cluster", "2023", "536", "亿元", CICEE_2023),
        i("group_revenue", "E0001", "2021-06", "671", "亿元", "(January–June) " + CHINADAILY_2021),
        i("group_overseas_revenue", "E0002", "2023", "179.05", "亿元", STCN_2024),
        *group_revenues(),
    ]


def real_targets() -> list[Row]:
    """Return the one sourced target: the 12th Five-Year Plan's 3,000 亿元 by 2015 (not met)."""
    return [
        {
            "metric": "cm_output",
            "scope": "cluster",
            "target_period": "2015",
            "target_value": "3000",
            "unit": "亿元",
            "source": FYP12,
        }
    ]


def real_projects() -> list[Row]:
    """Return the sourced flagship projects, with only the figures their sources give."""
    return [
        {
            "id": "P01",
            "name_zh": "中联智慧产业城",
            "name_en": "Zoomlion Smart Industry City",
            "owner_id": "E0002",
            "kind": "manufacturing",
            "planned_investment_cny": "23000000000.00",
            "start": "2019-01-20",
            "source": ZOOMLION_CITY,
        },
        {
            "id": "P02",
            "name_zh": "中联智慧产业城挖掘机械园区（一期）",
            "name_en": "Zoomlion excavator park (phase 1)",
            "owner_id": "E0002",
            "kind": "manufacturing",
            "start": "2019-08-31",
            "planned_capacity": "33000",
            "capacity_unit": "台/年",
            "source": EXCAVATOR_PARK,
        },
        {
            "id": "P03",
            "name_zh": "三一智联重卡项目",
            "name_en": "Sany intelligent heavy-truck project",
            "owner_id": "E0001",
            "kind": "manufacturing",
            "planned_investment_cny": "22000000000.00",
            "start": "2019-09-28",
            "planned_capacity": "300000",
            "capacity_unit": "台/年",
            "source": SANY_TRUCKS,
        },
        {
            "id": "P04",
            "name_zh": "山河工业城",
            "name_en": "Sunward Industrial City",
            "owner_id": "E0004",
            "kind": "manufacturing",
            "planned_investment_cny": "4530000000.00",
            "source": SUNWARD_CITY,
        },
        {
            "id": "P05",
            "name_zh": "铁建重工长沙第三产业园",
            "name_en": "CRCHI third Changsha industrial park",
            "owner_id": "E0003",
            "kind": "manufacturing",
            "source": HNRB_2021,
        },
    ]


def real_milestones() -> list[Row]:
    """Return the project milestones the sources date."""
    return [
        {"project_id": "P01", "name": "项目启动", "actual_date": "2019-01-20", "source": SINA_2020},
        {
            "project_id": "P01",
            "name": "总部及起重机、混凝土泵车、高空作业机械园区开工（2021年9月，日期仅精确到月）",
            "actual_date": "2021-09-15",
            "source": "https://cm.hczyw.com/2021/0917/298973.html",
        },
        {
            "project_id": "P02",
            "name": "开工奠基",
            "actual_date": "2019-08-31",
            "source": "https://m.cnmaso.com/h/101150/20190902/618899.html",
        },
        {
            "project_id": "P02",
            "name": "首台中大型挖掘机下线",
            "actual_date": "2020-12-31",
            "source": "https://scholarmate.com/S/dSi2Yj",
        },
        {"project_id": "P03", "name": "开工", "actual_date": "2019-09-28", "source": SANY_TRUCKS},
    ]
