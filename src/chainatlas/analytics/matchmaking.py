"""Fair matchmaking (供需对接): a score for every exhibitor–buyer pair, with the reasons for it.

score = NODE_WEIGHT × node overlap + TEXT_WEIGHT × text similarity + GAP_WEIGHT × gap bonus
        + MEET_BONUS per side that asked to meet + MUST_BONUS when either side marked must-meet;
a no-thanks from either side vetoes the pair (score 0, never recommended nor scheduled).

- node overlap: for each node the buyer needs, the best match among the nodes the exhibitor
  offers, averaged over the needs; a match is 1 for the same node and 1 / (1 + tree distance)
  for nodes in one line of descent or under one non-root ancestor (the taxonomy's ancestors);
- text similarity: TF-IDF cosine of the exhibitor's offer text and the buyer's need text,
  segmented by jieba's bundled dictionary (offline) with the chain node names added as words;
- gap bonus: the exhibitor is outside the cluster, offers a gap node (or a node below it) and
  the buyer is in the cluster and needs that node: the gap's weight (its gap-ranking score over
  the largest one, 0–1).

MUST_BONUS exceeds the largest score any other pair can reach, so a must-meet pair always ranks
above the others.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import jieba  # type: ignore[import-untyped]  # no stubs ship with jieba
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

NODE_WEIGHT, TEXT_WEIGHT, GAP_WEIGHT = 0.5, 0.3, 0.2
MEET_BONUS = 0.15
MUST_BONUS = 2.0
_STOPWORDS_TEXT = (
    "的 和 与 及 等 或 用 用于 类 各类 各种 我们 公司 提供 采购 需要 需求 寻找 供应 产品 系列 以及 "
    "a an and or of for the to with in on our we us from by as is are supply need needs buy offer offers"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split(" "))
_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
_LOCK = threading.Lock()
_TOKENIZER: list[jieba.Tokenizer] = []
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Party:
    """One participant as matchmaking sees it."""

    id: str
    role: str
    """exhibitor or buyer"""
    in_cluster: bool = False
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    offers_text: str = ""
    needs_text: str = ""


@dataclass(frozen=True)
class MatchInput:
    """Everything matchmaking needs: the parties, the taxonomy, stated preferences and the cluster's gaps."""

    parties: tuple[Party, ...]
    node_parent: Mapping[str, str | None]
    preferences: tuple[tuple[str, str, str], ...] = ()
    """(from id, to id, level: must / meet / no_thanks)"""
    gap_weight: Mapping[str, float] = field(default_factory=dict)
    """gap node code → weight 0–1"""
    node_names: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """node code → (Chinese name, English name), for the reasons"""


@dataclass(frozen=True)
class PairScore:
    """One exhibitor–buyer pair: its score, its parts and the reasons in English and Chinese."""

    exhibitor: str
    buyer: str
    score: float
    must: bool
    vetoed: bool
    node: float
    text: float
    gap: float
    preference: float
    reasons_en: tuple[str, ...]
    reasons_zh: tuple[str, ...]


def tokenizer(words: Iterable[str] = ()) -> jieba.Tokenizer:
    """Return the shared jieba tokenizer (bundled dictionary, nothing downloaded) with extra words added."""
    with _LOCK:
        if not _TOKENIZER:
            jieba.setLogLevel(logging.WARNING)
            made = jieba.Tokenizer()
            made.initialize()
            _TOKENIZER.append(made)
        for word in words:
            if len(word) >= 2 and _WORD.search(word):
                _TOKENIZER[0].add_word(word)
        return _TOKENIZER[0]


def terms(text: str, cutter: jieba.Tokenizer) -> list[str]:
    """Return the meaningful terms of a text (lower case, no punctuation, no stop words)."""
    found = []
    for token in cutter.lcut_for_search(text.lower()):
        word = token.strip()
        if word and _WORD.search(word) and word not in STOPWORDS and not word.isdigit():
            found.append(word)
    return found


def tfidf(documents: list[list[str]]) -> tuple[sp.csr_matrix, list[str]]:
    """Return the L2-normalised TF-IDF rows of tokenised documents (smooth idf = ln((1+N)/(1+df)) + 1) and the vocabulary."""
    vocabulary: dict[str, int] = {}
    rows, cols, counts = [], [], []
    for i, document in enumerate(documents):
        for word, count in Counter(document).items():
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            counts.append(float(count))
    matrix = sp.csr_matrix((counts, (rows, cols)), shape=(len(documents), len(vocabulary)))
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocabulary))
    idf = np.log((1 + len(documents)) / (1 + df)) + 1.0
    weighted = sp.csr_matrix(matrix @ sp.diags(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    scaled = sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ weighted
    return sp.csr_matrix(scaled), sorted(vocabulary, key=vocabulary.__getitem__)


def text_similarity(offers: list[str], needs: list[str], words: Iterable[str] = ()) -> Floats:
    """Return the offers × needs matrix of TF-IDF cosine similarities (IDF over all the texts)."""
    cutter = tokenizer(words)
    documents = [terms(text, cutter) for text in [*offers, *needs]]
    if not any(documents):
        return np.zeros((len(offers), len(needs)))
    matrix, _ = tfidf(documents)
    similarity = (matrix[: len(offers)] @ matrix[len(offers) :].T).toarray()
    return np.asarray(np.clip(similarity, 0.0, 1.0), dtype=np.float64)


@lru_cache(maxsize=8192)
def _terms_of(text: str) -> tuple[str, ...]:
    return tuple(terms(text, tokenizer()))


def shared_terms(offer: str, need: str, limit: int = 4) -> list[str]:
    """Return the terms an offer text and a need text have in common, in the offer's order."""
    wanted = set(_terms_of(need))
    return list(dict.fromkeys(word for word in _terms_of(offer) if word in wanted))[:limit]


class Taxonomy(dict[str, str | None]):
    """Chain node → parent, remembering each node's lineage once it has been walked."""

    def __init__(self, parent: Mapping[str, str | None]) -> None:
        super().__init__(parent)
        self.lineages: dict[str, list[str]] = {}


def lineage(parent: Mapping[str, str | None], code: str) -> list[str]:
    """Return a node and its ancestors, nearest first (unknown codes: just the code)."""
    if isinstance(parent, Taxonomy):
        if code not in parent.lineages:
            parent.lineages[code] = _walk(parent, code)
        return parent.lineages[code]
    return _walk(parent, code)


def _walk(parent: Mapping[str, str | None], code: str) -> list[str]:
    chain, seen = [code], {code}
    while (up := parent.get(chain[-1])) is not None and up not in seen:
        chain.append(up)
        seen.add(up)
    return chain


def node_similarity(parent: Mapping[str, str | None], a: str, b: str) -> float:
    """Return 1 / (1 + tree distance) when one node descends from the other or both sit under one non-root node; else 0."""
    up_a, up_b = lineage(parent, a), lineage(parent, b)
    common = next((node for node in up_a if node in up_b), None)
    if common is None:
        return 0.0
    distance = up_a.index(common) + up_b.index(common)
    related = common in (a, b) or parent.get(common) is not None
    return 1.0 / (1.0 + distance) if related else 0.0


def node_overlap(
    parent: Mapping[str, str | None], offers: tuple[str, ...], needs: tuple[str, ...]
) -> tuple[float, tuple[str, str] | None]:
    """Return the mean over needs of the best offer match, and the best (offer, need) pair."""
    if not offers or not needs:
        return 0.0, None
    best_pair, best, total = None, 0.0, 0.0
    for need in needs:
        score, offer = max((node_similarity(parent, o, need), o) for o in offers)
        total += score
        if score > best:
            best, best_pair = score, (offer, need)
    return total / len(needs), best_pair


def covers(parent: Mapping[str, str | None], code: str, gap: str) -> bool:
    """Return whether a node is a gap node or lies below it."""
    return gap in lineage(parent, code)


def gaps_offered(data: MatchInput, exhibitor: Party) -> set[str]:
    """Return the gap nodes an exhibitor outside the cluster offers (a node at or below the gap); none from inside."""
    if exhibitor.in_cluster:
        return set()
    return {gap for gap in data.gap_weight if any(covers(data.node_parent, o, gap) for o in exhibitor.offers)}


def gaps_needed(data: MatchInput, buyer: Party) -> set[str]:
    """Return the gap nodes an in-cluster buyer needs (a need at, below or above the gap); none from outside."""
    if not buyer.in_cluster:
        return set()
    parent = data.node_parent
    return {
        gap for gap in data.gap_weight if any(covers(parent, n, gap) or covers(parent, gap, n) for n in buyer.needs)
    }


def best_gap(data: MatchInput, offered: set[str], needed: set[str]) -> tuple[float, str | None]:
    """Return the largest weight among the gaps both sides name, and that gap (0 and None when none)."""
    both = sorted(offered & needed, key=lambda gap: (-data.gap_weight[gap], gap))
    return (data.gap_weight[both[0]], both[0]) if both else (0.0, None)


def gap_fill(data: MatchInput, exhibitor: Party, buyer: Party) -> tuple[float, str | None]:
    """Return the gap bonus of a pair (0 unless an outside exhibitor offers a gap node a cluster buyer needs) and the gap."""
    return best_gap(data, gaps_offered(data, exhibitor), gaps_needed(data, buyer))


def preference_table(preferences: Iterable[tuple[str, str, str]]) -> dict[frozenset[str], list[str]]:
    """Return the levels stated about each unordered pair of participants."""
    table: dict[frozenset[str], list[str]] = {}
    for source, target, level in preferences:
        table.setdefault(frozenset((source, target)), []).append(level)
    return table


def match_scores(data: MatchInput) -> list[PairScore]:
    """Return every exhibitor–buyer pair with a positive score or a stated preference, best first."""
    data = replace(data, node_parent=Taxonomy(data.node_parent))  # lineages walked once per call
    exhibitors = [p for p in data.parties if p.role == "exhibitor"]
    buyers = [p for p in data.parties if p.role == "buyer"]
    offered = {e.id: gaps_offered(data, e) for e in exhibitors}
    needed = {b.id: gaps_needed(data, b) for b in buyers}
    words = [name for names in data.node_names.values() for name in names if name]
    text = text_similarity([e.offers_text for e in exhibitors], [b.needs_text for b in buyers], words)
    stated = preference_table(data.preferences)
    pairs = []
    for i, exhibitor in enumerate(exhibitors):
        for j, buyer in enumerate(buyers):
            levels = stated.get(frozenset((exhibitor.id, buyer.id)), [])
            gap = best_gap(data, offered[exhibitor.id], needed[buyer.id])
            pair = score_pair(data, exhibitor, buyer, float(text[i, j]), levels, gap)
            if pair.score > 0 or pair.vetoed or pair.preference:
                pairs.append(pair)
    return sorted(pairs, key=lambda p: (p.vetoed, -p.score, p.exhibitor, p.buyer))


def score_pair(
    data: MatchInput, exhibitor: Party, buyer: Party, text: float, levels: list[str], gap_part: tuple[float, str | None]
) -> PairScore:
    """Return the score of one pair from its parts (text similarity and gap bonus given), with a reason for each."""
    node, best = node_overlap(data.node_parent, exhibitor.offers, buyer.needs)
    gap, gap_code = gap_part
    vetoed, must = "no_thanks" in levels, "must" in levels
    preference = MEET_BONUS * levels.count("meet") + (MUST_BONUS if must else 0.0)
    score = 0.0 if vetoed else NODE_WEIGHT * node + TEXT_WEIGHT * text + GAP_WEIGHT * gap + preference
    en, zh = _reasons(data, exhibitor, buyer, best, node, text, gap_code, levels)
    return PairScore(
        exhibitor=exhibitor.id,
        buyer=buyer.id,
        score=round(score, 6),
        must=must and not vetoed,
        vetoed=vetoed,
        node=round(node, 6),
        text=round(text, 6),
        gap=round(gap, 6),
        preference=round(preference, 6),
        reasons_en=tuple(en),
        reasons_zh=tuple(zh),
    )


def _name(data: MatchInput, code: str, lang: int) -> str:
    names = data.node_names.get(code)
    return (names[lang] or names[0]) if names else code


def _node_reason(data: MatchInput, best: tuple[str, str], node: float, needs: int) -> tuple[str, str]:
    """Return the node reason: the best offer for one need (exact or related), then the mean over all needs."""
    offer, need = best
    if offer == need:
        en, zh = (
            f"offers {_name(data, offer, 1)}, which the buyer needs",
            f"供应「{_name(data, offer, 0)}」，正是采购方所需",
        )
    else:
        similarity = node_similarity(data.node_parent, offer, need)
        en = f"offers {_name(data, offer, 1)}, related to the need {_name(data, need, 1)} (similarity {similarity:.2f})"
        zh = f"供应「{_name(data, offer, 0)}」，与所需「{_name(data, need, 0)}」相关（相似度 {similarity:.2f}）"
    if needs > 1:
        en += f"; node match averaged over the buyer's {needs} needs {node:.2f}"
        zh += f"；按采购方 {needs} 项需求平均的环节匹配 {node:.2f}"
    return en, zh


def _reasons(
    data: MatchInput,
    exhibitor: Party,
    buyer: Party,
    best: tuple[str, str] | None,
    node: float,
    text: float,
    gap_code: str | None,
    levels: list[str],
) -> tuple[list[str], list[str]]:
    en: list[str] = []
    zh: list[str] = []
    if "no_thanks" in levels:
        return ["vetoed: one side said no thanks"], ["一方谢绝会见，不予安排"]
    if "must" in levels:
        en.append("marked must-meet")
        zh.append("已标为必须会见")
    if "meet" in levels:
        both = levels.count("meet") > 1
        en.append("both sides asked to meet" if both else "one side asked to meet")
        zh.append("双方均希望会见" if both else "一方希望会见")
    if best is not None and node > 0:
        node_en, node_zh = _node_reason(data, best, node, len(buyer.needs))
        en.append(node_en)
        zh.append(node_zh)
    if text > 0:
        common = "、".join(shared_terms(exhibitor.offers_text, buyer.needs_text))
        en.append(f"offer and need texts agree ({text:.2f}: {common})")
        zh.append(f"供需描述相近（{text:.2f}：{common}）")
    if gap_code is not None:
        en.append(f"an outside supplier of the chain gap {_name(data, gap_code, 1)} meets a cluster buyer")
        zh.append(f"集群外供应商对接集群内采购方，可补「{_name(data, gap_code, 0)}」链缺口")
    return en, zh


def recommendations(pairs: Iterable[PairScore], participant: str, k: int = 10) -> list[PairScore]:
    """Return a participant's best k counterparts (vetoed pairs and zero scores left out), best first."""
    mine = [p for p in pairs if participant in (p.exhibitor, p.buyer) and not p.vetoed and p.score > 0]
    return sorted(mine, key=lambda p: (not p.must, -p.score, p.buyer if p.exhibitor == participant else p.exhibitor))[
        :k
    ]


def gap_weights(scores: Mapping[str, float]) -> dict[str, float]:
    """Return gap-ranking scores scaled to 0–1 by the largest (non-positive scores dropped)."""
    top = max((s for s in scores.values() if s > 0 and math.isfinite(s)), default=0.0)
    return {code: s / top for code, s in scores.items() if s > 0 and top > 0}
