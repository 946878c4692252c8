"""Entity linking of Chinese text against 100,000 registry names (budget: ≥ 5 MB/s of UTF-8 text).

A synthetic registry of 100,000 names (company names and their short forms, as `LexiconEntry`) goes into the
Aho-Corasick lexicon; synthetic news text (common words with registry names mixed in) is linked with
`Lexicon.find` (the normalised text is what it links; normalisation is timed apart, for information). The
baseline, in the same process, is what one would write without an automaton: jieba segmentation with every
registry name added to its dictionary, then a dictionary lookup of each token. Both must find the same names.

Run: .venv/bin/python bench/news.py [--names N] [--megabytes M]. Prints MB/s of both (wall time, and for the
automaton also per CPU second the process got) and the ratio last; exits 1 when the wall-time rate misses the budget.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time

import jieba

from chainatlas.analytics.news.lexicon import Lexicon, LexiconEntry
from chainatlas.analytics.news.normalise import normalise

BUDGET_MB_S = 5.0
SEED = 20261207
PLACES = ["长沙", "株洲", "湘潭", "湖南", "岳阳", "常德", "衡阳", "娄底", "益阳", "邵阳", "宁乡", "浏阳", "望城"]
TRADES = ["重工", "机械", "液压", "智能", "科技", "电气", "精工", "动力", "传动", "铸造", "锻造", "钢构", "材料"]
FORMS = ["有限公司", "股份有限公司", "集团", "制造有限公司", ""]
WORDS = [
    "今年",
    "工程机械",
    "产业",
    "集群",
    "出口",
    "同比",
    "增长",
    "企业",
    "项目",
    "开工",
    "签约",
    "总投资",
    "亿元",
    "园区",
    "长沙",
    "智能制造",
    "配套",
    "零部件",
    "海外",
    "市场",
    "订单",
    "产能",
    "下线",
    "挖掘机",
    "起重机",
    "泵车",
    "发展",
    "推动",
    "建设",
    "全球",
    "我国",
    "龙头",
    "技术",
    "创新",
    "研发",
    "产值",
    "突破",
]
PUNCTUATION = ["，", "。", "、", "；"]


def synthetic_names(count: int, rng: random.Random) -> list[LexiconEntry]:
    """Return `count` distinct company names (full forms and short forms) as lexicon entries."""
    brand_chars = [chr(c) for c in range(0x4E00, 0x9FA5)]
    entries: list[LexiconEntry] = []
    seen: set[str] = set()
    while len(entries) < count:
        brand = "".join(rng.choice(brand_chars) for _ in range(2))
        short = brand + rng.choice(TRADES)
        full = rng.choice(PLACES) + short + rng.choice(FORMS)
        for name in (full, short):
            if name not in seen and len(entries) < count:
                seen.add(name)
                entries.append(LexiconEntry(name, full, "enterprise", f"E{len(entries):06d}"))
    return entries


def synthetic_text(megabytes: float, names: list[str], rng: random.Random) -> tuple[str, int]:
    """Return news-like text of about `megabytes` of UTF-8 with registry names mixed in, and how many were put in."""
    parts: list[str] = []
    size, planted = 0, 0
    while size < megabytes * 1_000_000:
        if rng.random() < 0.08:
            piece = rng.choice(names)
            planted += 1
        else:
            piece = rng.choice(WORDS)
        piece += rng.choice(PUNCTUATION) if rng.random() < 0.15 else ""
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(parts), planted


def baseline_lookup(text: str, entries: list[LexiconEntry]) -> tuple[int, float]:
    """Return (names found, seconds) by jieba segmentation with the names added, then a dictionary lookup per token."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    names = {entry.name: entry for entry in entries}
    for name in names:
        tokenizer.add_word(name, 100_000)
    started = time.perf_counter()
    found = sum(1 for token in tokenizer.cut(text, HMM=False) if token in names)
    return found, time.perf_counter() - started


def main() -> None:
    """Time the automaton and the baseline on the same text; exit 1 when the automaton misses its budget."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--megabytes", type=float, default=8.0)
    parser.add_argument("--baseline-megabytes", type=float, default=1.0, help="text the (slow) baseline runs on")
    args = parser.parse_args()
    rng = random.Random(SEED)
    entries = synthetic_names(args.names, rng)
    started = time.perf_counter()
    lexicon = Lexicon.build(entries)
    print(f"lexicon: {len(lexicon):,} names built in {time.perf_counter() - started:.2f} s")
    text, planted = synthetic_text(args.megabytes, [e.name for e in entries], rng)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    started = time.perf_counter()
    norm = normalise(text)
    normalise_s = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    found = lexicon.find(norm.text)
    link_s, link_cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
    fast = megabytes / link_s
    both = megabytes / (normalise_s + link_s)
    print(
        f"text: {megabytes:.2f} MB UTF-8, {planted:,} names planted; normalisation {megabytes / normalise_s:.1f} MB/s"
    )
    print(
        f"automaton (Lexicon.find): {len(found):,} names in {link_s:.2f} s = {fast:.1f} MB/s (budget ≥ {BUDGET_MB_S});"
        f" with normalisation {both:.1f} MB/s"
    )
    print(
        f"  on the CPU time this process got: {megabytes / link_cpu_s:.1f} MB/s (a shared machine stretches wall time)"
    )
    sample = text[: int(len(text) * min(1.0, args.baseline_megabytes / megabytes))]
    sample_mb = len(sample.encode("utf-8")) / 1_000_000
    base_found, base_s = baseline_lookup(sample, entries)
    fast_on_sample = len(lexicon.find(normalise(sample).text))
    slow = sample_mb / base_s
    print(
        f"baseline (jieba + lookup) on {sample_mb:.2f} MB: {base_found:,} names (automaton: {fast_on_sample:,}) in {base_s:.2f} s = {slow:.2f} MB/s"
    )
    print(f"ratio automaton/baseline: {fast / slow:.1f}")
    sys.exit(0 if fast >= BUDGET_MB_S else 1)


if __name__ == "__main__":
    main()
