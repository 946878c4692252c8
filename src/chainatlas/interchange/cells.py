"""Turn the text of a cell into the value the domain model expects, or say why it cannot."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from chainatlas.domain.messages import message_text
from chainatlas.interchange.columns import Cell

TRUE_WORDS = frozenset({"true", "1", "是", "yes", "y", "t", "√"})
FALSE_WORDS = frozenset({"false", "0", "否", "no", "n", "f", "×"})
SEGMENTS_ZH = {"上游": "upstream", "中游": "midstream", "下游": "downstream", "配套": "support", "支撑": "support"}
SIZES_ZH = {"大型": "large", "中型": "medium", "小型": "small", "微型": "micro"}
PROJECT_KINDS_ZH = {
    "制造": "manufacturing",
    "制造业": "manufacturing",
    "零部件园区": "components_park",
    "配套园区": "components_park",
    "研发中心": "rd_centre",
    "基础设施": "infrastructure",
    "其他": "other",
}
FAIR_ROLES_ZH = {"展商": "exhibitor", "参展商": "exhibitor", "采购商": "buyer", "买家": "buyer"}
PREFERENCES_ZH = {
    "必须": "must",
    "必见": "must",
    "希望": "meet",
    "可以": "meet",
    "不约": "no_thanks",
    "谢绝": "no_thanks",
    "no-thanks": "no_thanks",
}
OUTCOMES_ZH = {"已洽谈": "held", "举行": "held", "缺席": "no_show", "未到": "no_show"}
COUNTRIES_ZH = {
    "中国": "CN",
    "德国": "DE",
    "日本": "JP",
    "美国": "US",
    "韩国": "KR",
    "意大利": "IT",
    "瑞典": "SE",
    "英国": "GB",
    "法国": "FR",
    "瑞士": "CH",
    "芬兰": "FI",
    "奥地利": "AT",
    "荷兰": "NL",
    "印度": "IN",
    "俄罗斯": "RU",
    "巴西": "BR",
    "澳大利亚": "AU",
    "加拿大": "CA",
    "丹麦": "DK",
    "比利时": "BE",
    "西班牙": "ES",
    "新加坡": "SG",
    "中国台湾": "TW",
    "中国香港": "HK",
    "印度尼西亚": "ID",
    "泰国": "TH",
    "越南": "VN",
    "马来西亚": "MY",
    "土耳其": "TR",
    "沙特阿拉伯": "SA",
    "阿联酋": "AE",
    "南非": "ZA",
}
PLATFORM_KINDS_ZH = {
    "企业技术中心": "enterprise_technology_centre",
    "重点实验室": "key_laboratory",
    "制造业创新中心": "manufacturing_innovation_centre",
    "工程研究中心": "engineering_research_centre",
    "工程技术研究中心": "engineering_research_centre",
    "其他": "other",
}
ORGANISATION_TYPES_ZH = {
    "政府部门": "government",
    "协会商会": "association",
    "协会": "association",
    "开发区": "development_zone",
    "产业园区": "park",
    "园区": "park",
    "科研院所": "institute",
    "其他": "other",
}
PLATFORM_LEVELS_ZH = {"国家级": "national", "省级": "provincial", "市级": "municipal"}
_LIST_SPLIT = re.compile(r"[;；,，、]")
_GROUPED = re.compile(r"-?\d{1,3}([,，]\d{3})+(\.\d+)?")
MAX_INTEGER = 2**63 - 1
"""The largest whole number a database column holds (64 bits)."""
MAX_DECIMAL_DIGITS = 15
"""Digits before the decimal point: money is stored as whole fen in 64 bits."""
MAX_DECIMAL_TEXT = 40


class CellError(ValueError):
    """A cell whose text cannot be read as its column's kind of value: a message code and its parameters."""

    def __init__(self, code: str, **params: str | int | None) -> None:
        super().__init__(message_text(code, params, "en"))
        self.code = code
        self.params = params


def _boolean(text: str) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("cell.bool")


def _words(table: dict[str, str], label: str) -> Callable[[str], str]:
    allowed = "/".join(sorted(set(table.values())))
    allowed_zh = "/".join(dict.fromkeys(word for word in table if not word.isascii()))

    def read(text: str) -> str:
        word = table.get(text, text.lower())
        if word not in table.values():
            raise CellError("cell.word", allowed=allowed, allowed_zh=allowed_zh)
        return word

    read.__doc__ = f"Read a {label}."
    return read


def _country(text: str) -> str:
    return COUNTRIES_ZH.get(text, text.upper())


def _tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _LIST_SPLIT.split(text) if part.strip())


def _number(text: str) -> str:
    if ("," in text or "，" in text) and _GROUPED.fullmatch(text):
        return text.replace(",", "").replace("，", "")
    return text


def _integer(text: str) -> str:
    text = _number(text)
    digits = text.lstrip("+-")
    if digits.isdigit() and (len(digits) > len(str(MAX_INTEGER)) or int(digits) > MAX_INTEGER):
        raise CellError("cell.too_large", limit=f"{MAX_INTEGER:,}")
    return text


def _decimal(text: str) -> str:
    text = _number(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text  # not a number at all: validation says so
    if not value.is_finite():
        raise CellError("cell.not_finite")
    if value.adjusted() >= MAX_DECIMAL_DIGITS or len(format(value, "f")) > MAX_DECIMAL_TEXT:
        raise CellError("cell.decimal_too_large", digits=MAX_DECIMAL_DIGITS, chars=MAX_DECIMAL_TEXT)
    return text


def _float(text: str) -> str:
    text = _number(text)
    try:
        value = float(text)
    except ValueError:
        return text  # not a number at all: validation says so
    if not math.isfinite(value):
        raise CellError("cell.not_finite")
    return text


READERS: dict[Cell, Callable[[str], object]] = {
    Cell.TEXT: str,
    Cell.BOOL: _boolean,
    Cell.LIST: _tags,
    Cell.DECIMAL: _decimal,
    Cell.INT: _integer,
    Cell.FLOAT: _float,
    Cell.DATE: str,
    Cell.SEGMENT: _words({**SEGMENTS_ZH, **{v: v for v in SEGMENTS_ZH.values()}}, "segment"),
    Cell.SIZE: _words({**SIZES_ZH, **{v: v for v in SIZES_ZH.values()}}, "size class"),
    Cell.COUNTRY: _country,
    Cell.PROJECT_KIND: _words({**PROJECT_KINDS_ZH, **{v: v for v in PROJECT_KINDS_ZH.values()}}, "project kind"),
    Cell.PLATFORM_KIND: _words({**PLATFORM_KINDS_ZH, **{v: v for v in PLATFORM_KINDS_ZH.values()}}, "platform kind"),
    Cell.PLATFORM_LEVEL: _words(
        {**PLATFORM_LEVELS_ZH, **{v: v for v in PLATFORM_LEVELS_ZH.values()}}, "platform level"
    ),
    Cell.FAIR_ROLE: _words({**FAIR_ROLES_ZH, **{v: v for v in FAIR_ROLES_ZH.values()}}, "fair role"),
    Cell.PREFERENCE: _words({**PREFERENCES_ZH, **{v: v for v in PREFERENCES_ZH.values()}}, "preference"),
    Cell.OUTCOME: _words({**OUTCOMES_ZH, **{v: v for v in OUTCOMES_ZH.values()}}, "outcome"),
    Cell.ORGANISATION_TYPE: _words(
        {**ORGANISATION_TYPES_ZH, **{v: v for v in ORGANISATION_TYPES_ZH.values()}}, "organisation type"
    ),
}


def read_cell(cell: Cell, text: str) -> object:
    """Return the value of a non-empty cell's text; raise CellError when it cannot be read."""
    return READERS[cell](text)
