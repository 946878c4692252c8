"""Place names and capacity units on English pages: the provinces, cities, districts, parks and countries a
registry names in Chinese (or as ISO codes), and units such as 台/年, in English. A name the table does not know
is shown as written (it is data)."""

from __future__ import annotations

from chainatlas.web.i18n import Translator
from chainatlas.web.i18n_pages import COUNTED

PLACES: dict[str, str] = {
    # provinces and municipalities
    "上海市": "Shanghai",
    "北京市": "Beijing",
    "天津市": "Tianjin",
    "重庆市": "Chongqing",
    "安徽省": "Anhui",
    "山东省": "Shandong",
    "广东省": "Guangdong",
    "广西壮族自治区": "Guangxi",
    "江苏省": "Jiangsu",
    "河北省": "Hebei",
    "河南省": "Henan",
    "浙江省": "Zhejiang",
    "湖北省": "Hubei",
    "湖南省": "Hunan",
    "辽宁省": "Liaoning",
    "江西省": "Jiangxi",
    "四川省": "Sichuan",
    "陕西省": "Shaanxi",
    "福建省": "Fujian",
    # cities
    "台州市": "Taizhou",
    "合肥市": "Hefei",
    "唐山市": "Tangshan",
    "大连市": "Dalian",
    "宁波市": "Ningbo",
    "常州市": "Changzhou",
    "徐州市": "Xuzhou",
    "无锡市": "Wuxi",
    "杭州市": "Hangzhou",
    "柳州市": "Liuzhou",
    "株洲市": "Zhuzhou",
    "武汉市": "Wuhan",
    "洛阳市": "Luoyang",
    "济南市": "Jinan",
    "济宁市": "Jining",
    "深圳市": "Shenzhen",
    "湘潭市": "Xiangtan",
    "烟台市": "Yantai",
    "苏州市": "Suzhou",
    "襄阳市": "Xiangyang",
    "邢台市": "Xingtai",
    "郑州市": "Zhengzhou",
    "长沙市": "Changsha",
    # districts and county-level cities
    "嘉定区": "Jiading District",
    "宁乡市": "Ningxiang",
    "岳麓区": "Yuelu District",
    "开福区": "Kaifu District",
    "望城区": "Wangcheng District",
    "浏阳市": "Liuyang",
    "浦东新区": "Pudong New Area",
    "海淀区": "Haidian District",
    "长沙县": "Changsha County",
    "雨花区": "Yuhua District",
    "天心区": "Tianxin District",
    "芙蓉区": "Furong District",
    # parks
    "宁乡经济技术开发区": "Ningxiang Economic and Technological Development Zone",
    "望城经济技术开发区": "Wangcheng Economic and Technological Development Zone",
    "浏阳经济技术开发区": "Liuyang Economic and Technological Development Zone",
    "长沙经济技术开发区": "Changsha Economic and Technological Development Zone",
    "长沙高新技术产业开发区": "Changsha Hi-tech Industrial Development Zone",
    "雨花经济开发区": "Yuhua Economic Development Zone",
}
"""The places the demo data names, and the provincial capitals and Changsha districts a cluster names often."""

COUNTRIES: dict[str, tuple[str, str]] = {
    "AE": ("阿联酋", "United Arab Emirates"),
    "AU": ("澳大利亚", "Australia"),
    "BR": ("巴西", "Brazil"),
    "CH": ("瑞士", "Switzerland"),
    "CN": ("中国", "China"),
    "DE": ("德国", "Germany"),
    "FI": ("芬兰", "Finland"),
    "FR": ("法国", "France"),
    "GB": ("英国", "United Kingdom"),
    "ID": ("印度尼西亚", "Indonesia"),
    "IN": ("印度", "India"),
    "IT": ("意大利", "Italy"),
    "JP": ("日本", "Japan"),
    "KR": ("韩国", "South Korea"),
    "KZ": ("哈萨克斯坦", "Kazakhstan"),
    "MX": ("墨西哥", "Mexico"),
    "MY": ("马来西亚", "Malaysia"),
    "NG": ("尼日利亚", "Nigeria"),
    "NL": ("荷兰", "Netherlands"),
    "RU": ("俄罗斯", "Russia"),
    "SA": ("沙特阿拉伯", "Saudi Arabia"),
    "SE": ("瑞典", "Sweden"),
    "TH": ("泰国", "Thailand"),
    "TR": ("土耳其", "Türkiye"),
    "US": ("美国", "United States"),
    "VN": ("越南", "Vietnam"),
    "ZA": ("南非", "South Africa"),
}
"""ISO 3166 codes of the countries the demo data names."""


def place(name: str | None, t: Translator) -> str:
    """Return a place's name in the page language (English from the table; unknown names as written)."""
    if not name:
        return ""
    return PLACES.get(name, name) if t.lang == "en" else name


def country(code: str | None, t: Translator) -> str:
    """Return a country's name from its ISO code in the page language (an unknown code as written)."""
    if not code:
        return ""
    return t.pick(COUNTRIES, code.upper(), code)


def location(parts: list[str | None], t: Translator) -> str:
    """Return a location, from the largest place to the smallest: 长沙市 望城区 / Wangcheng District, Changsha."""
    names = [place(part, t) for part in parts if part]
    return ", ".join(reversed(names)) if t.lang == "en" else " ".join(names)


def location_path(path: str, t: Translator) -> str:
    """Return a location path such as CN/湖南省/长沙市 (country code first) in the page language."""
    head, *rest = path.split("/")
    names = [country(head, t), *(place(part, t) for part in rest)]
    return " / ".join(names) if t.lang == "en" else " ".join(names)


def capacity_unit(unit: str | None, t: Translator) -> str:
    """Return a capacity unit such as 台/年 in the page language (units/year), part by part."""
    return "/".join(t.pick(COUNTED, part) for part in (unit or "").split("/"))
