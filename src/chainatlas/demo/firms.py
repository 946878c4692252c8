"""Synthetic enterprises of the demo: where they are, made-up names, credit codes, what they make."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from chainatlas.demo import facts, taxonomy, vocab
from chainatlas.domain.credit_code import ALPHABET, expected_check_character

T = TypeVar("T")

NODES: dict[str, taxonomy.NodeSpec] = {spec.code: spec for spec in taxonomy.NODES}
LEAVES: tuple[str, ...] = tuple(code for code in NODES if not any(o.startswith(code + ".") for o in NODES))
WHERE = ("local", "domestic", "foreign")
REAL_LINES: dict[str, tuple[str, ...]] = {
    "E0001": (
        "M.EXC.MINI",
        "M.EXC.MID",
        "M.EXC.LARGE",
        "M.EXC.ELEC",
        "M.CRN.TRUCK",
        "M.CRN.CRAWLER",
        "M.CON.PUMP",
        "M.CON.MIXER",
        "M.PIL.ROTARY",
        "M.TRK.TRACTOR",
        "M.TRK.DUMP",
        "M.TRK.NEV",
    ),
    "E0002": (
        "M.CRN.TRUCK",
        "M.CRN.CRAWLER",
        "M.CRN.TOWER",
        "M.CON.PUMP",
        "M.CON.MIXER",
        "M.CON.PLANT",
        "M.AWP.SCISSOR",
        "M.AWP.BOOM",
        "M.EXC.MID",
        "M.EXC.LARGE",
    ),
    "E0003": ("M.TBM.SHIELD", "M.TBM.HARD"),
    "E0004": ("M.EXC.MINI", "M.EXC.MID", "M.PIL.ROTARY", "M.AWP.SCISSOR", "M.AWP.BOOM"),
    "E0005": ("M.AWP.SCISSOR", "M.AWP.BOOM"),
}
"""Product lines of the real makers: common knowledge, but not in the facts corpus, so `synthetic`."""
_FOUNDED = {
    "local": (1993, 2022, 2010),
    "domestic": (1985, 2020, 2004),
    "foreign": (1890, 1995, 1960),
    "dealer": (1975, 2018, 2003),
}
_FORMS = (("科技有限公司", "Technology Co., Ltd."), ("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd."))


def under(code: str, prefix: str) -> bool:
    """Return whether a node code is the prefix node itself or lies below it."""
    return code == prefix or code.startswith(prefix + ".")


def leaves_under(prefix: str) -> tuple[str, ...]:
    """Return the leaf nodes at or below a prefix."""
    return tuple(leaf for leaf in LEAVES if under(leaf, prefix))


def by_prefix(code: str, table: Mapping[str, T]) -> T | None:
    """Return the entry whose key is the longest prefix of the code, or None."""
    keys = [key for key in table if under(code, key)]
    return table[max(keys, key=len)] if keys else None


def system_of(code: str) -> str:
    """Return the L2 system (or the L1 root) a node belongs to."""
    return ".".join(code.split(".")[:2])


@dataclass
class Firm:
    """An enterprise while the generator builds it."""

    id: str
    name_zh: str
    name_en: str
    where: str
    country: str
    place: vocab.Place | None
    founded: int | None
    weight: float
    word: tuple[str, str]
    real: bool = False
    parent_id: str | None = None
    unified_code: str | None = None
    nodes: list[str] = field(default_factory=list)
    sales: dict[str, float] = field(default_factory=dict)
    output: dict[str, float] = field(default_factory=dict)
    member: bool | None = None
    """An explicit membership of Changsha's cluster (set once the market is built), else where it is decides."""

    @property
    def in_cluster(self) -> bool:
        """Return whether the enterprise is in the Changsha cluster."""
        return self.where == "local" if self.member is None else self.member


class Registry:
    """The enterprises generated so far, who makes each node, and the names and codes taken."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.firms: list[Firm] = []
        self.makers: dict[str, list[Firm]] = {}
        self.names: set[str] = set()
        self.codes: set[str] = set()

    def make(self, firm: Firm, node: str) -> None:
        """Record that a firm makes a node."""
        firm.nodes.append(node)
        self.makers.setdefault(node, []).append(firm)

    def next_id(self) -> str:
        """Return the id the next enterprise gets."""
        return f"E{len(self.firms) + 1:04d}"


def chinese_word(rng: random.Random) -> tuple[str, str]:
    """Return a made-up two-character word and its pinyin, containing no real brand."""
    while True:
        (a, pa), (b, pb) = rng.sample(vocab.ZH_SYLLABLES, 2)
        if not any(real in a + b for real in vocab.REAL_NAMES):
            return a + b, pa + pb.lower()


def latin_word(rng: random.Random) -> tuple[str, str]:
    """Return a made-up Latin word and its Chinese transliteration, containing no real brand."""
    while True:
        (head, head_zh), (tail, tail_zh) = rng.choice(vocab.EN_HEADS), rng.choice(vocab.EN_TAILS)
        if not any(real in (head + tail).lower() for real in vocab.REAL_NAMES):
            return head_zh + tail_zh, head + tail


def fresh_word(reg: Registry, compose: Callable[[random.Random], tuple[str, str]]) -> tuple[str, str]:
    """Return a made-up word no other (unrelated) enterprise uses."""
    for _ in range(500):
        word = compose(reg.rng)
        if word[0] not in reg.names and word[1] not in reg.names:
            reg.names.update(word)
            return word
    raise RuntimeError("ran out of made-up words")


def unique_name(reg: Registry, compose: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    """Return the first composed (Chinese, English) name not yet taken."""
    for _ in range(200):
        zh, en = compose()
        if zh not in reg.names and en not in reg.names:
            reg.names.update((zh, en))
            return zh, en
    raise RuntimeError("could not find a free synthetic name")


def domestic_name(rng: random.Random, word: tuple[str, str], place: vocab.Place, node: str) -> tuple[str, str]:
    """Compose a Chinese firm's name: city (or 湖南) + made-up word + trade + legal form."""
    trade_zh, trade_en = by_prefix(node, vocab.TRADE) or ("机械", "Machinery")
    city_zh, city_en = place.city.removesuffix("市"), place.city_en
    if place.province == "湖南省" and rng.random() < 0.3:
        city_zh, city_en = "湖南", "Hunan"
    form_zh, form_en = rng.choices(_FORMS, weights=(5, 4, 1))[0]
    return f"{city_zh}{word[0]}{trade_zh}{form_zh}", f"{city_en} {word[1]} {trade_en} {form_en}"


def foreign_name(word: tuple[str, str], country: str, node: str, city: vocab.Place | None) -> tuple[str, str]:
    """Compose a foreign firm's name, or its Chinese subsidiary's when a city is given."""
    trade_zh, trade_en = by_prefix(node, vocab.TRADE) or ("机械", "Machinery")
    if city is not None:
        zh_city = city.city.removesuffix("市")
        return f"{word[0]}{trade_zh}（{zh_city}）有限公司", f"{word[1]} {trade_en} ({city.city_en}) Co., Ltd."
    legal = vocab.LEGAL_FORM[country]
    english = f"PT {word[1]} {trade_en}" if legal == "PT" else f"{word[1]} {trade_en} {legal}"
    return f"{vocab.COUNTRY_ZH[country]}{word[0]}{trade_zh}公司", english


def credit_code(reg: Registry, region: str, founded: int) -> str:
    """Return a fresh unified social credit code (GB 32100-2015) for a company registered in a region."""
    rng = reg.rng
    while True:
        if founded >= 2015:
            body = "MA" + "".join(rng.choice(ALPHABET) for _ in range(7))
        else:
            body = "".join(rng.choice("0123456789") for _ in range(8)) + rng.choice(ALPHABET)
        first17 = "91" + region + body
        code = first17 + expected_check_character(first17)
        if code not in reg.codes:
            reg.codes.add(code)
            return code


def pick_place(rng: random.Random, node: str, where: str) -> vocab.Place:
    """Return a Changsha district and park, or a place elsewhere in China suited to the node."""
    if where == "local":
        places = [place for place, _ in vocab.CHANGSHA]
        return rng.choices(places, weights=[weight for _, weight in vocab.CHANGSHA])[0]
    kind = by_prefix(node, vocab.PLACE_KIND) or "general"
    pool = vocab.DOMESTIC[kind] if kind == "oem" or rng.random() < 0.7 else vocab.DOMESTIC["general"]
    return rng.choice(pool)


def founded_year(rng: random.Random, where: str, node: str) -> int:
    """Return a founding year typical of where the firm is and what it does."""
    low, high, mode = _FOUNDED["dealer" if where == "foreign" and node.startswith("D") else where]
    return round(rng.triangular(low, high, mode))


def new_firm(reg: Registry, node: str, where: str, parent: Firm | None = None) -> Firm:
    """Create a synthetic enterprise (a group member when a parent is given) and register it."""
    rng = reg.rng
    founded = founded_year(rng, where, node)
    weight = min(rng.paretovariate(1.1), 40.0) * (1.5 if where == "foreign" else 1.0)
    if where != "foreign" and NODES[node].key_technology:
        weight *= 0.4  # Chinese makers of core technologies are still small next to the incumbents
    if where == "foreign":
        country = rng.choice(by_prefix(node, vocab.FOREIGN) or ("DE",))
        word = fresh_word(reg, latin_word)
        zh, en = unique_name(reg, lambda: foreign_name(word, country, node, None))
        firm = Firm(reg.next_id(), zh, en, where, country, None, founded, weight, word)
    else:
        place = pick_place(rng, node, where)
        word = parent.word if parent else fresh_word(reg, chinese_word)
        if parent is not None and parent.where == "foreign":
            zh, en = unique_name(reg, lambda: foreign_name(word, parent.country, node, place))
            founded = max(founded, 1995)
        else:
            zh, en = unique_name(reg, lambda: domestic_name(rng, word, place, node))
        firm = Firm(reg.next_id(), zh, en, where, "CN", place, founded, weight, word)
        firm.unified_code = credit_code(reg, place.region, founded)
    firm.parent_id = parent.id if parent else None
    reg.firms.append(firm)
    return firm


def group_parent(reg: Registry, node: str, where: str) -> Firm | None:
    """Return, now and then, a Chinese firm of the same system to found a group member under."""
    if where == "foreign" or reg.rng.random() >= 0.1:
        return None
    pool = [
        f
        for f in reg.firms
        if not f.real and f.parent_id is None and f.country == "CN" and system_of(f.nodes[0]) == system_of(node)
    ]
    return reg.rng.choice(pool) if pool else None


def reusable(reg: Registry, node: str, where: str) -> Firm | None:
    """Return, now and then, an existing firm of the same system and place that takes on this node too."""
    chinese_core = where != "foreign" and NODES[node].key_technology
    foreign_service = where == "foreign" and not node.startswith("U")
    if reg.rng.random() >= 0.3 or chinese_core or foreign_service:
        return None
    pool = [
        f
        for f in reg.firms
        if not f.real
        and f.where == where
        and system_of(f.nodes[0]) == system_of(node)
        and node not in f.nodes
        and len(f.nodes) < 3
    ]
    return reg.rng.choices(pool, weights=[f.weight for f in pool])[0] if pool else None


def add_maker(reg: Registry, spec: taxonomy.NodeSpec) -> None:
    """Add one maker of a leaf, reusing a firm or founding one, maybe with a Chinese subsidiary."""
    rng = reg.rng
    where = rng.choices(WHERE, weights=taxonomy.PROFILES[spec.locality])[0]
    firm = reusable(reg, spec.code, where) or new_firm(reg, spec.code, where, group_parent(reg, spec.code, where))
    reg.make(firm, spec.code)
    if where == "foreign" and spec.code.startswith("U") and not firm.nodes[1:] and rng.random() < 0.3:
        branch = new_firm(reg, spec.code, rng.choice(("local", "domestic")), firm)
        reg.make(branch, spec.code)


def add_real_makers(reg: Registry) -> None:
    """Register the five real machine makers with their (synthetic) product lines."""
    for row in facts.real_enterprises():
        eid, name_zh, name_en = str(row["id"]), str(row["name_zh"]), str(row["name_en"])
        firm = Firm(eid, name_zh, name_en, "local", "CN", None, None, 20.0, ("", ""), real=True)
        reg.firms.append(firm)
        for node in REAL_LINES[eid]:
            reg.make(firm, node)


def build_registry(rng: random.Random) -> Registry:
    """Return every enterprise: real makers, synthetic makers, suppliers, buyers and services."""
    reg = Registry(rng)
    add_real_makers(reg)
    for nodes, where in vocab.SYNTHETIC_OEMS:
        firm = new_firm(reg, nodes[0], where)
        firm.weight = rng.uniform(2.0, 8.0)
        for node in nodes:
            reg.make(firm, node)
    for spec in taxonomy.NODES:
        for _ in range(spec.makers + (1 if spec.key_technology and spec.makers else 0)):
            add_maker(reg, spec)
    return reg
