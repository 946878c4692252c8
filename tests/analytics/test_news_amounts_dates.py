"""Amounts and dates in Chinese news text, against values worked out by hand."""

from __future__ import annotations

import pytest

from chainatlas.analytics.news.amounts import find_amounts
from chainatlas.analytics.news.dates import find_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("出口额高达99.93亿元,同比", [("99.93亿元", 9_993_000_000, "CNY")]),
        ("总产值将突破3000亿。", [("3000亿", 300_000_000_000, "CNY")]),
        ("其中固投230多亿元", [("230多亿元", 23_000_000_000, "CNY")]),
        ("总投资约一千亿元", [("一千亿元", 100_000_000_000, "CNY")]),
        ("年销售收入将冲刺千亿元大关", [("千亿元", 100_000_000_000, "CNY")]),
        ("签约金额1,250万元", [("1,250万元", 12_500_000, "CNY")]),
        ("上调1000元/吨", [("1000元", 1000, "CNY")]),
        ("报9.79港元", [("9.79港元", None, "HKD")]),
        ("融资10亿美元", [("10亿美元", None, "USD")]),
        ("1,150家展商", []),
        ("千亿级产业集群", []),
        ("“千亿项目”", []),
        ("产值超百亿,构建", [("百亿", 10_000_000_000, "CNY")]),
        ("投资数百亿", []),
        ("人口1.5亿人", []),
        ("年产能3.3万台", []),
        ("电子元件", []),
    ],
)
def test_amounts(text: str, expected: list[tuple[str, float | None, str]]) -> None:
    found = [(text[a.start : a.end], a.value_yuan, a.currency) for a in find_amounts(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020年12月31日,首台下线", [("2020年12月31日", "2020-12-31")]),
        ("2018年4月,湘潭市出台。同年7月,湖南省", [("2018年4月", "2018-04"), ("7月", "2018-07")]),
        ("进入2025年第一季度,出口", [("2025年第一季度", "2025")]),
        ("截止到2021年底,总产值", [("2021年底", "2021")]),
        ("继2019年8月底开工", [("2019年8月底", "2019-08")]),
        ("6月14日讯 无论是5月举行的展会", [("6月14日", None), ("5月", None)]),
        ("今年1~5月,产值", [("1~5月", None)]),
        ("2020年度年会举行。\n12月8日,年会在长沙举行", [("2020年度", "2020"), ("12月8日", "2020-12-08")]),
    ],
)
def test_dates_without_a_dateline(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(text[d.start : d.end], d.iso) for d in find_dates(text)] == expected


def test_a_dateline_fixes_the_year_of_later_dates() -> None:
    text = "标题\n来源:长沙晚报 2022-02-21 09:35:34\n16日,春雨。去年9月下旬开工;今年1~5月产值;11月将投产"
    found = [(text[d.start : d.end], d.iso) for d in find_dates(text)]
    assert found == [
        ("2022-02-21", "2022-02-21"),
        ("16日", "2022-02-16"),
        ("9月下旬", "2021-09"),
        ("1~5月", "2022"),
        ("11月", None),
    ]


def test_impossible_months_and_days_and_numbered_things_are_not_dates() -> None:
    assert find_dates("第13月32日") == []
    assert find_dates("长沙18号工厂、“铁兵广花6号”下线") == []
