"""People named with their stated role (人物及职务): `中联重科副总裁郭学红`, `(全媒体记者 朱泽寰 通讯员 欧亚琦)`,
`编辑:林佳妮`, `刘书勤 摄`. A name is a known surname and one or two characters, standing before a boundary (a
punctuation mark or a reporting verb such as 表示, 指出, 介绍)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chainatlas.analytics.news.normalise import is_han
from chainatlas.analytics.news.rules import Rules

BOUNDARY_CHARS = set(",、。;:!?()（）“”\"' \n|")
BOUNDARY_WORDS = (
    "表示",
    "指出",
    "介绍",
    "说",
    "出席",
    "致辞",
    "当选",
    "先后",
    "在",
    "作为",
    "带队",
    "称",
    "认为",
    "宣布",
    "主持",
    "讲话",
    "强调",
    "一行",
    "等",
    "和",
    "与",
    "及",
    "率",
    "到",
    "参加",
    "会见",
    "调研",
    "考察",
    "发言",
    "代表",
    "提出",
    "透露",
    "告诉",
    "坦言",
    "分析",
    "解释",
    "摄",
    "任",
    "现场",
    "对",
    "向",
    "为",
    "也",
    "还",
)
CLAUSE_START = set(",。;!?\n:(（…“”")
REPORTER_ROLES = frozenset({"记者", "全媒体记者", "通讯员", "实习生", "编辑", "责任编辑", "作者", "摄影"})
LABELLED = re.compile(
    r"(?P<role>责任编辑|编辑|作者|记者|摄影|通讯员)[:：]\s*(?P<name>[A-Za-z]{2,20}|[\u4e00-\u9fff]{2,3})"
)
PHOTO = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})\s+摄(?:影)?(?![\u4e00-\u9fff])")


@dataclass(frozen=True)
class FoundPerson:
    """A person: name, role as stated, and where the name starts in the normalised text."""

    name: str
    role: str | None
    start: int


def _name_at(text: str, at: int, rules: Rules) -> str | None:
    """Return the name starting at `at` (surname + one or two characters before a boundary), or None.

    A boundary word that starts right after two characters keeps the name short (`张健|作为`, `黄韧|等出席`)."""
    surname = 2 if text[at : at + 2] in rules.surnames else 1 if text[at : at + 1] in rules.surnames else 0
    if not surname:
        return None
    short, long = text[at : at + surname + 1], text[at : at + surname + 2]
    if _is_name(short, surname + 1) and text.startswith(BOUNDARY_WORDS, at + len(short)):
        return short
    for name in (long, short):
        if _is_name(name, len(name)) and len(name) > surname and _boundary(text, at + len(name)):
            return name
    return None


def _is_name(name: str, length: int) -> bool:
    return len(name) == length and all(is_han(c) for c in name)


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or text[at] in BOUNDARY_CHARS or text.startswith(BOUNDARY_WORDS, at)


def _clause_start(text: str, at: int) -> int:
    start = at
    while start > 0 and text[start - 1] not in CLAUSE_START:
        start -= 1
    return start


def _titled(text: str, rules: Rules) -> list[FoundPerson]:
    """Return people written as title + name (`长沙市副市长彭涛`); the role runs from the clause's start (or the end of
    the person named before in the same clause), a reporter's role is the word before the name."""
    hits: list[tuple[int, int, int, int]] = []
    for role in rules.roles:
        for match in re.finditer(re.escape(role), text):
            at = match.end()
            while at < len(text) and text[at] == " ":
                at += 1
            name = _name_at(text, at, rules)
            if name:
                hits.append((at, at + len(name), match.start(), match.end()))
    found: list[FoundPerson] = []
    ends = sorted(end for _, end, _, _ in hits)
    for start, end, role_start, role_end in sorted(hits):
        begin = max([_clause_start(text, role_start)] + [e for e in ends if e <= role_start])
        if text[role_start:role_end] in REPORTER_ROLES:
            begin = max(begin, text.rfind(" ", 0, role_start) + 1)
        role = text[begin:role_end].strip(" 、")
        found.append(FoundPerson(text[start:end], role or text[role_start:role_end], start))
    return found


def find_people(text: str, rules: Rules) -> list[FoundPerson]:
    """Return each person named once, in order of first mention, with the first role stated."""
    found = _titled(text, rules)
    found += [FoundPerson(m["name"], m["role"], m.start("name")) for m in LABELLED.finditer(text)]
    found += [
        FoundPerson(m["name"], "摄", m.start("name"))
        for m in PHOTO.finditer(text)
        if _name_at(text, m.start("name"), rules) == m["name"]
    ]
    people: dict[str, FoundPerson] = {}
    for person in sorted(found, key=lambda p: p.start):
        people.setdefault(person.name, person)
    return list(people.values())
