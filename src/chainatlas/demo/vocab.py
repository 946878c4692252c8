"""Places and name parts the demo generator draws synthetic enterprises from: data only.

Every synthetic name is a made-up word (two characters, or two Latin syllables) plus a trade
word; `REAL_NAMES` lists brand words a made-up word must never equal or contain.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """Where a Chinese enterprise is registered; `region` is the 6-digit division code."""

    province: str
    city: str
    district: str
    park: str
    region: str
    city_en: str


CHANGSHA: tuple[tuple[Place, int], ...] = (
    (Place("湖南省", "长沙市", "长沙县", "长沙经济技术开发区", "430121", "Changsha"), 34),
    (Place("湖南省", "长沙市", "望城区", "望城经济技术开发区", "430112", "Changsha"), 16),
    (Place("湖南省", "长沙市", "雨花区", "雨花经济开发区", "430111", "Changsha"), 12),
    (Place("湖南省", "长沙市", "岳麓区", "长沙高新技术产业开发区", "430104", "Changsha"), 14),
    (Place("湖南省", "长沙市", "宁乡市", "宁乡经济技术开发区", "430182", "Changsha"), 10),
    (Place("湖南省", "长沙市", "浏阳市", "浏阳经济技术开发区", "430181", "Changsha"), 8),
    (Place("湖南省", "长沙市", "长沙县", "", "430121", "Changsha"), 4),
    (Place("湖南省", "长沙市", "开福区", "", "430105", "Changsha"), 2),
)
"""Changsha districts and parks (weights favour the Changsha ETDZ, where the OEMs cluster)."""

_P = Place
DOMESTIC: dict[str, tuple[Place, ...]] = {
    "general": (
        _P("江苏省", "常州市", "", "", "320400", "Changzhou"),
        _P("江苏省", "无锡市", "", "", "320200", "Wuxi"),
        _P("江苏省", "徐州市", "", "", "320300", "Xuzhou"),
        _P("山东省", "济南市", "", "", "370100", "Jinan"),
        _P("山东省", "济宁市", "", "", "370800", "Jining"),
        _P("山东省", "烟台市", "", "", "370600", "Yantai"),
        _P("浙江省", "宁波市", "", "", "330200", "Ningbo"),
        _P("浙江省", "台州市", "", "", "331000", "Taizhou"),
        _P("上海市", "上海市", "嘉定区", "", "310114", "Shanghai"),
        _P("湖北省", "襄阳市", "", "", "420600", "Xiangyang"),
        _P("湖南省", "株洲市", "", "", "430200", "Zhuzhou"),
        _P("湖南省", "湘潭市", "", "", "430300", "Xiangtan"),
        _P("安徽省", "合肥市", "", "", "340100", "Hefei"),
        _P("河北省", "邢台市", "", "", "130500", "Xingtai"),
    ),
    "steel": (
        _P("湖南省", "湘潭市", "", "", "430300", "Xiangtan"),
        _P("湖南省", "娄底市", "", "", "431300", "Loudi"),
        _P("江苏省", "南京市", "", "", "320100", "Nanjing"),
        _P("湖北省", "武汉市", "", "", "420100", "Wuhan"),
        _P("河北省", "唐山市", "", "", "130200", "Tangshan"),
    ),
    "bearing": (
        _P("河南省", "洛阳市", "", "", "410300", "Luoyang"),
        _P("辽宁省", "大连市", "", "", "210200", "Dalian"),
        _P("浙江省", "绍兴市", "", "", "330600", "Shaoxing"),
        _P("江苏省", "徐州市", "", "", "320300", "Xuzhou"),
    ),
    "electronics": (
        _P("广东省", "深圳市", "", "", "440300", "Shenzhen"),
        _P("上海市", "上海市", "浦东新区", "", "310115", "Shanghai"),
        _P("江苏省", "苏州市", "", "", "320500", "Suzhou"),
        _P("湖南省", "株洲市", "", "", "430200", "Zhuzhou"),
        _P("浙江省", "杭州市", "", "", "330100", "Hangzhou"),
    ),
    "software": (
        _P("北京市", "北京市", "海淀区", "", "110108", "Beijing"),
        _P("上海市", "上海市", "浦东新区", "", "310115", "Shanghai"),
        _P("广东省", "深圳市", "", "", "440300", "Shenzhen"),
        _P("浙江省", "杭州市", "", "", "330100", "Hangzhou"),
    ),
    "oem": (
        _P("江苏省", "徐州市", "", "", "320300", "Xuzhou"),
        _P("山东省", "济宁市", "", "", "370800", "Jining"),
        _P("浙江省", "湖州市", "", "", "330500", "Huzhou"),
        _P("广西壮族自治区", "柳州市", "", "", "450200", "Liuzhou"),
        _P("福建省", "厦门市", "", "", "350200", "Xiamen"),
        _P("河南省", "郑州市", "", "", "410100", "Zhengzhou"),
    ),
}
"""Chinese places outside Changsha, by the kind of industry they are known for."""

PLACE_KIND: dict[str, str] = {
    "U.STL": "steel",
    "U.BRG": "bearing",
    "U.ELC.CTRL": "electronics",
    "U.ELC.SENS": "electronics",
    "U.ELC.HMI": "electronics",
    "U.SW": "software",
    "M": "oem",
    "D": "general",
    "S": "general",
}

FOREIGN: dict[str, tuple[str, ...]] = {
    "U.STL": ("SE", "FI", "JP", "DE"),
    "U.CAF": ("DE", "JP", "IT"),
    "U.ENG": ("US", "DE", "JP", "SE", "GB"),
    "U.HYD": ("DE", "JP", "IT", "US", "KR"),
    "U.TRN": ("DE", "IT", "US", "JP"),
    "U.BRG": ("SE", "DE", "JP", "US"),
    "U.ELC.CTRL": ("US", "DE", "JP", "NL", "CH"),
    "U.ELC.SENS": ("DE", "US", "JP", "CH"),
    "U.ELC": ("DE", "JP", "KR", "US"),
    "U.SW": ("US", "DE", "FR"),
    "U": ("DE", "JP", "IT", "KR", "US"),
    "D.EXP.ASIA": ("ID", "VN", "TH", "MY", "KZ"),
    "D.EXP.MEA": ("AE", "SA", "ZA", "NG", "EG"),
    "D.EXP.EU": ("DE", "IT", "PL", "NL"),
    "D.EXP.AMER": ("BR", "MX", "CL", "AU"),
}
"""Countries of foreign makers and buyers, by node prefix."""

COUNTRY_ZH: dict[str, str] = {
    "DE": "德国", "JP": "日本", "US": "美国", "KR": "韩国", "IT": "意大利", "SE": "瑞典", "GB": "英国",
    "CH": "瑞士", "NL": "荷兰", "FR": "法国", "FI": "芬兰", "ID": "印度尼西亚", "VN": "越南", "TH": "泰国",
    "MY": "马来西亚", "KZ": "哈萨克斯坦", "AE": "阿联酋", "SA": "沙特阿拉伯", "ZA": "南非", "NG": "尼日利亚",
    "EG": "埃及", "PL": "波兰", "BR": "巴西", "MX": "墨西哥", "CL": "智利", "AU": "澳大利亚",
}  # fmt: skip

LEGAL_FORM: dict[str, str] = {
    "DE": "GmbH", "JP": "Co., Ltd.", "US": "Inc.", "KR": "Co., Ltd.", "IT": "S.p.A.", "SE": "AB", "GB": "Ltd",
    "CH": "AG", "NL": "B.V.", "FR": "SAS", "FI": "Oy", "ID": "PT", "VN": "JSC", "TH": "Co., Ltd.",
    "MY": "Sdn. Bhd.", "KZ": "LLP", "AE": "LLC", "SA": "Co.", "ZA": "(Pty) Ltd", "NG": "Ltd", "EG": "S.A.E.",
    "PL": "Sp. z o.o.", "BR": "Ltda.", "MX": "S.A. de C.V.", "CL": "SpA", "AU": "Pty Ltd",
}  # fmt: skip

ZH_SYLLABLES: tuple[tuple[str, str], ...] = (
    ("澜", "Lan"), ("峤", "Qiao"), ("翊", "Yi"), ("珩", "Heng"), ("湛", "Zhan"), ("璟", "Jing"), ("砺", "Li"),
    ("昶", "Chang"), ("骁", "Xiao"), ("岑", "Cen"), ("晟", "Sheng"), ("钧", "Jun"), ("焱", "Yan"), ("琨", "Kun"),
    ("朔", "Shuo"), ("祺", "Qi"), ("沅", "Yuan"), ("麓", "Lu"), ("枫", "Feng"), ("垚", "Yao"), ("韬", "Tao"),
    ("铖", "Cheng"), ("霁", "Ji"), ("芃", "Peng"), ("昱", "Yu"), ("溯", "Su"), ("楠", "Nan"), ("棠", "Tang"),
    ("岱", "Dai"), ("汀", "Ting"), ("赫", "He"), ("钛", "Tai"), ("隽", "Juan"), ("榕", "Rong"), ("芮", "Rui"),
    ("漪", "Yi"), ("崧", "Song"), ("炅", "Jiong"), ("淼", "Miao"), ("槿", "Jin"),
)  # fmt: skip

EN_HEADS: tuple[tuple[str, str], ...] = (
    ("Vel", "韦"), ("Tor", "托"), ("Lun", "伦"), ("Ost", "奥斯"), ("Bren", "布伦"), ("Quin", "昆"),
    ("Dor", "多"), ("Tam", "塔姆"), ("Nor", "诺"), ("Fal", "法"), ("Rhe", "瑞"), ("Ser", "瑟"),
    ("Gald", "加尔"), ("Wen", "文"), ("Har", "哈"), ("Isk", "伊斯"), ("Cor", "科"), ("Ald", "奥尔"),
)  # fmt: skip

EN_TAILS: tuple[tuple[str, str], ...] = (
    ("dex", "德克斯"), ("vane", "韦恩"), ("tric", "特里"), ("wick", "维克"), ("holm", "霍姆"), ("ika", "伊卡"),
    ("ano", "阿诺"), ("vrin", "弗林"), ("ven", "文"), ("tal", "塔尔"), ("quist", "奎斯特"), ("ora", "奥拉"),
    ("mund", "蒙德"), ("eth", "埃斯"),
)  # fmt: skip

TRADE: dict[str, tuple[str, str]] = {
    "U.STL": ("特钢", "Special Steel"),
    "U.CAF": ("铸锻", "Casting and Forging"),
    "U.ENG": ("动力", "Power"),
    "U.HYD": ("液压", "Hydraulics"),
    "U.TRN": ("传动", "Transmission"),
    "U.BRG": ("轴承", "Bearing"),
    "U.ELC.CTRL": ("微电子", "Microelectronics"),
    "U.ELC.SENS": ("传感", "Sensing"),
    "U.ELC.BAT": ("新能源", "New Energy"),
    "U.ELC.DRIVE": ("电驱", "E-Drive"),
    "U.ELC": ("电气", "Electric"),
    "U.SW": ("软件", "Software"),
    "U.CAB": ("汽车部件", "Vehicle Components"),
    "U.UND": ("行走系统", "Undercarriage"),
    "U.STR": ("重型结构", "Heavy Structures"),
    "M.FIRE": ("专用车辆", "Special Vehicles"),
    "M.TRK": ("重型汽车", "Heavy Trucks"),
    "M": ("重工机械", "Heavy Machinery"),
    "D.INF": ("建设工程", "Construction Engineering"),
    "D.RE": ("置业", "Property"),
    "D.MIN": ("矿业", "Mining"),
    "D.RENT": ("设备租赁", "Equipment Rental"),
    "D.AFT.REMAN": ("再制造", "Remanufacturing"),
    "D.AFT": ("机械服务", "Machinery Services"),
    "D.USED": ("二手设备交易", "Used Equipment Trading"),
    "D.FIN": ("融资租赁", "Financial Leasing"),
    "D.EXP": ("工程机械贸易", "Machinery Trading"),
    "S.RD": ("工程机械研究院", "Construction Machinery Research Institute"),
    "S.TEST": ("检测认证", "Testing and Certification"),
    "S.FAIR": ("会展服务", "Exhibition Services"),
    "S.TRAIN": ("职业培训", "Vocational Training"),
}
"""Trade word of a synthetic name, by the prefix of the enterprise's first node."""

REAL_NAMES: tuple[str, ...] = (
    "三一", "中联", "山河", "星邦", "铁建", "恒立", "艾迪", "潍柴", "玉柴", "徐工", "柳工", "临工", "山推", "雷沃",
    "龙工", "厦工", "华菱", "中车", "远大", "力源", "长泰", "宇通", "福田", "陕汽", "东风", "博世", "卡特", "小松",
    "kalmar", "linde", "bosch", "parker", "danfoss", "kawasaki", "rexroth", "liebherr", "volvo", "komatsu",
    "doosan", "hyundai", "cummins", "deutz", "perkins", "eaton", "timken", "skf", "schaeffler", "infineon",
    "siemens", "trimble", "dassault", "ansys", "altair", "wirtgen", "terex", "genie", "haulotte", "manitou",
    "tadano", "kobelco", "hitachi", "caterpillar", "sandvik", "epiroc", "herrenknecht", "robbins", "putzmeister",
    "schwing", "bauer", "soilmec", "sennebogen", "takeuchi", "kubota", "yanmar", "scania", "nordex", "harris", "nortal", "cortal", "tamora",
)  # fmt: skip
"""Real brand words a made-up name must not contain (compared case-insensitively)."""

SYNTHETIC_OEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("M.ROAD.ROLLER", "M.ROAD.PAVER"), "local"),
    (("M.ROAD.GRADER", "M.ROAD.ROLLER"), "local"),
    (("M.FIRE.LADDER", "M.FIRE.WATER"), "local"),
    (("M.FIRE.WATER",), "local"),
    (("M.MIN.TRUCK", "M.MIN.DRILL"), "local"),
    (("M.CON.MIXER", "M.CON.PLANT"), "local"),
    (("M.PIL.HAMMER", "M.PIL.ROTARY"), "local"),
    (("M.CRN.TOWER",), "local"),
    (("M.AWP.SCISSOR", "M.AWP.BOOM"), "local"),
    (("M.EXC.MINI", "M.EXC.ELEC"), "local"),
    (("M.TBM.SHIELD",), "local"),
    (("M.TRK.NEV",), "local"),
    (("M.EXC.MID", "M.EXC.LARGE"), "domestic"),
    (("M.CRN.TRUCK", "M.CRN.CRAWLER"), "domestic"),
    (("M.ROAD.ROLLER", "M.ROAD.PAVER"), "domestic"),
    (("M.AWP.SCISSOR",), "domestic"),
    (("M.TRK.TRACTOR", "M.TRK.DUMP"), "domestic"),
)
"""Product lines of the synthetic machine makers (in Changsha or elsewhere in China)."""
