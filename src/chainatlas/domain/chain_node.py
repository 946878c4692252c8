"""Chain nodes (产业链环节): the taxonomy tree L1 segment → L2 system → L3 part → L4 product."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated

from chainatlas.domain.common import Code, Problem, Record, Segment, Source, Text
from chainatlas.domain.fields import Header


class ChainNode(Record):
    """One node of the industry-chain taxonomy."""

    code: Annotated[Code, Header("编码")]
    parent_code: Annotated[Code | None, Header("上级编码")] = None
    name_zh: Annotated[Text, Header("名称")]
    name_en: Annotated[Text | None, Header("英文名称")] = None
    segment: Annotated[Segment, Header("环节")]
    key_technology: Annotated[bool, Header("卡脖子")] = False
    source: Annotated[Source, Header("来源")]


def chain_node_problems(node: ChainNode) -> list[Problem]:
    """Return every rule a single chain node breaks."""
    if node.parent_code == node.code:
        return [Problem.coded("parent_code", "chain_node.own_parent", value=node.code)]
    return []


def tree_problems(parents: Mapping[str, str | None], codes: Iterable[str]) -> dict[str, Problem]:
    """Return, for each of `codes` that sits on a parent cycle, the problem to report.

    `parents` maps every known code (existing and incoming) to its parent code.
    """
    found: dict[str, Problem] = {}
    for code in codes:
        seen = {code}
        current = parents.get(code)
        while current is not None:
            if current in seen:
                found[code] = Problem.coded("parent_code", "chain_node.loop", value=parents.get(code), through=current)
                break
            seen.add(current)
            current = parents.get(current)
    return found


def depth(code: str, parents: Mapping[str, str | None]) -> int:
    """Return the level of a node (1 for a root), assuming the tree has no cycles."""
    level = 1
    current = parents.get(code)
    while current is not None:
        level += 1
        current = parents.get(current)
    return level
