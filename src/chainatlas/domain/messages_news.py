"""Message texts of news ingest, feeds, the review queue and disruption alerts (情报)."""

from __future__ import annotations

NEWS_MESSAGES: dict[str, tuple[str, str]] = {
    "news.unreadable": ("无法读取：{reason}", "cannot be read: {reason}"),
    "news.no_such_path": ("没有这个文件或文件夹：{path}", "no such file or folder: {path}"),
    "news.review_one": ("请给出 --accept、--merge 或 --reject 之一", "give one of --accept, --merge, --reject"),
    "news.accept_needs": ("--accept 需要 --as 和 --id", "--accept needs --as and --id"),
    "news.merge_needs": (
        "--merge 需要 --into enterprises/<编号> 或 organisations/<编号>",
        "--merge needs --into enterprises/<id> or organisations/<id>",
    ),
    "news.no_text": ("没有正文（text 为空或缺失）", "has no text (`text` empty or missing)"),
    "news.bad_line": ("不是 JSON 对象：{reason}", "is not a JSON object: {reason}"),
    "news.bad_field": ("值无效：{reason}", "is not valid: {reason}"),
    "news.unknown_format": (
        "格式无法识别（支持 .txt .html .htm .xml .rss .atom .jsonl 和文件夹）",
        "has no known format (.txt .html .htm .xml .rss .atom .jsonl, or a folder)",
    ),
    "news.not_a_feed": ("不是可读的 RSS/Atom：{reason}", "is no readable RSS/Atom: {reason}"),
    "news.not_found": ("没有编号为 {article} 的文章", "there is no article {article}"),
    "news.bad_topic": ("未知主题；可选：{known}", "unknown topic; the topics are {known}"),
    "news.bad_dates": ("起始日期晚于截止日期 {date_to}", "the start date is after the end date {date_to}"),
    "news.proposal_not_found": ("审核队列中没有编号为 {proposal} 的名称", "the review queue has no name {proposal}"),
    "news.proposal_decided": (
        "名称 {name} 已由 {by} 处理（{state}），不能再次处理",
        "the name {name} was already decided by {by} ({state})",
    ),
    "news.merge_target": (
        "合并目标须写作 enterprises/<编号> 或 organisations/<编号>，且须已存在：{target}",
        "the merge target must be enterprises/<id> or organisations/<id> and exist: {target}",
    ),
    "news.feed_not_found": ("没有编号为 {feed} 的订阅源", "there is no feed {feed}"),
    "news.feed_exists": ("订阅源 {url} 已存在", "the feed {url} exists already"),
    "news.feed_failed": ("订阅源 {url} 获取失败：{reason}", "fetching the feed {url} failed: {reason}"),
    "news.ingested": (
        "新增 {added} 篇，{unchanged} 篇已存在未改动；{proposed} 个新名称待审核；{alerts} 条中断预警",
        "{added} added, {unchanged} already stored and unchanged; {proposed} new names to review; {alerts} disruption alerts",
    ),
    "alert.news_disruption": (
        "{day} 的新闻报道「{enterprise}」{kind}：失效影响 {pi}，暴露 {exposure} 天",
        "News of {day} reports {kind} at {enterprise}: failure impact {pi}, exposure {exposure} days",
    ),
    "disruption.lockdown": ("封控停产", "a lockdown"),
    "disruption.price_shock": ("价格冲击", "a price shock"),
    "disruption.chip_shortage": ("芯片短缺", "a chip shortage"),
    "disruption.sanction": ("制裁", "a sanction"),
    "disruption.fire": ("火灾", "a fire"),
    "disruption.flood": ("洪水", "a flood"),
    "disruption.strike": ("罢工", "a strike"),
    "disruption.bankruptcy": ("破产", "a bankruptcy"),
    "disruption.other": ("供应中断", "a supply disruption"),
}
