"""Page texts of the news pages (情报): the article list, one article, the review queue, and the news sections of
enterprise and project pages."""

from __future__ import annotations

from chainatlas.reports.news_topics import TOPIC_LABELS

NEWS_PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "nav.news": ("情报", "News"),
    "news.title": ("新闻与政策情报", "News and policy"),
    "news.lead": (
        "与集群企业、项目和机构相关的新闻和政策，名称已链接到登记库；同一报道在多个网站的转载合为一个故事。",
        "News and policy about the cluster's firms, projects and bodies, with names linked to the registry; "
        "one story reposted on several sites counts once.",
    ),
    "news.filter": ("筛选", "Filter"),
    "news.topic": ("主题", "Topic"),
    "news.any_topic": ("全部主题", "Any topic"),
    "news.enterprise": ("企业编号", "Enterprise id"),
    "news.project": ("项目编号", "Project id"),
    "news.date_from": ("日期自", "From"),
    "news.date_to": ("日期至", "To"),
    "news.disruption": ("供应中断", "Disruption"),
    "news.disruption_any": ("不限", "Any"),
    "news.disruption_yes": ("仅中断", "Only disruptions"),
    "news.disruption_no": ("无中断", "None"),
    "news.search": ("全文", "Text"),
    "news.show": ("显示", "Show"),
    "news.list": ("文章", "Articles"),
    "news.count": ("本页 {n} 篇", "{n} on this page"),
    "news.more": ("更多", "More"),
    "news.review": ("待审核名称", "Names to review"),
    "news.copies": ("{n} 个转载", "{n} copies"),
    "col.day": ("日期", "Day"),
    "col.title": ("标题", "Title"),
    "col.topics": ("主题", "Topics"),
    "col.enterprises": ("企业", "Enterprises"),
    "col.story": ("故事", "Story"),
    "news.untitled": ("（无标题）", "(untitled)"),
    "news.article_title": ("文章 #{id}", "Article #{id}"),
    "news.source": ("来源地址", "Source address"),
    "news.retrieved": ("获取日期", "Retrieved"),
    "news.published": ("发布日期", "Published"),
    "news.language": ("语言与字形", "Language and script"),
    "news.original": ("原文（未改动，已链接名称高亮）", "Original text (untouched; linked names highlighted)"),
    "news.normalised": ("规范化文本", "Normalised text"),
    "news.legend": (
        "高亮：企业、项目、机构；虚线：登记库中没有的名称",
        "Highlighted: enterprises, projects, bodies; dashed: names the registry lacks",
    ),
    "news.found": ("抽取结果", "What was found"),
    "news.amounts": ("金额", "Amounts"),
    "news.dates": ("日期", "Dates"),
    "news.people": ("人物", "People"),
    "news.evidence": ("依据", "Evidence"),
    "news.story": ("同一故事的其他转载", "Other copies of this story"),
    "news.spam": ("标记为垃圾或广告的行（保留未删）：", "Lines flagged as spam or adverts (kept, not dropped):"),
    "news.none_here": ("暂无相关新闻。", "No news yet."),
    "news.section": ("相关新闻", "News"),
    "news.all_of": ("全部相关新闻", "All news"),
    "news.review_title": ("待审核的机构名称", "Proposed organisation names"),
    "news.review_lead": (
        "抽取时发现、登记库中没有的机构名称。不会自动加入：请接受为新企业或机构、合并为已有记录的别名，或拒绝。每个决定都记入变更记录。",
        "Organisation names found in articles that the registry does not know. Nothing is added by itself: accept "
        "one as a new enterprise or organisation, merge it as an alias of an existing record, or reject it. Every "
        "decision is kept in the change history.",
    ),
    "news.state": ("状态", "State"),
    "news.name": ("名称", "Name"),
    "news.seen": ("出现次数", "Seen"),
    "news.first_article": ("首次出现", "First seen in"),
    "news.decision": ("决定", "Decision"),
    "news.accept": ("接受为", "Accept as"),
    "news.new_id": ("新编号", "New id"),
    "news.merge": ("合并为别名", "Merge as alias"),
    "news.merge_into": ("已有记录的编号", "Id of the existing record"),
    "news.merge_kind": ("已有记录的类型", "Kind of the existing record"),
    "news.reject": ("拒绝", "Reject"),
    "news.refused": ("名称 {id} 已有人处理，未做改动。", "Name {id} was decided already; nothing changed."),
    "news.as.enterprise": ("企业", "Enterprise"),
    "news.as.organisation": ("机构", "Organisation"),
    "news.as.project": ("项目", "Project"),
    "news.mention": ("原文", "As written"),
    "news.value_yuan": ("金额（元）", "Value (yuan)"),
    "news.currency": ("币种", "Currency"),
    "news.iso": ("标准日期", "Standard date"),
    "news.role": ("职务", "Role"),
    "news.org_type": ("机构类型", "Organisation type"),
    "proposal.pending": ("待审核", "Pending"),
    "proposal.accepted": ("已接受", "Accepted"),
    "proposal.merged": ("已合并", "Merged"),
    "proposal.rejected": ("已拒绝", "Rejected"),
    "proposal.all": ("全部", "All"),
    "rule.news_disruption": ("新闻报道的供应中断", "Disruption in the news"),
    "history.kind.articles": ("新闻文章", "Articles"),
    "history.kind.feeds": ("订阅源", "Feeds"),
    "history.kind.news_proposals": ("待审核名称", "Proposed names"),
    "script.simplified": ("简体", "Simplified"),
    "script.traditional": ("繁体", "Traditional"),
    "script.latin": ("拉丁字母", "Latin"),
    "script.none": ("—", "—"),
}
NEWS_PAGE_MESSAGES.update({f"topic.{name}": labels for name, labels in TOPIC_LABELS.items()})
NEWS_PAGE_MESSAGES.update(
    {
        f"news.disruption.{name}": labels
        for name, labels in {
            "lockdown": ("封控停产", "Lockdown"),
            "price_shock": ("价格冲击", "Price shock"),
            "chip_shortage": ("芯片短缺", "Chip shortage"),
            "sanction": ("制裁", "Sanction"),
            "fire": ("火灾", "Fire"),
            "flood": ("洪水", "Flood"),
            "strike": ("罢工", "Strike"),
            "bankruptcy": ("破产", "Bankruptcy"),
            "other": ("其他中断", "Other disruption"),
        }.items()
    }
)
