"""The pages' message catalogue, Chinese (zh-CN, the default) and English: every label a page shows."""

from __future__ import annotations

import string
from collections.abc import Mapping

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.fields import field_labels
from chainatlas.web.i18n_admin import ADMIN_PAGE_MESSAGES
from chainatlas.web.i18n_alerts import ALERT_PAGE_MESSAGES
from chainatlas.web.i18n_chain import CHAIN_MESSAGES
from chainatlas.web.i18n_clusters import CLUSTER_LABELS
from chainatlas.web.i18n_details import DETAILS_MESSAGES
from chainatlas.web.i18n_fair import FAIR_MESSAGES, FAIR_SERVICE_MESSAGES
from chainatlas.web.i18n_history import HISTORY_MESSAGES
from chainatlas.web.i18n_import import IMPORT_PAGE_MESSAGES
from chainatlas.web.i18n_load import LOAD_MESSAGES
from chainatlas.web.i18n_map import MAP_LABELS
from chainatlas.web.i18n_membership import MEMBERSHIP_LABELS
from chainatlas.web.i18n_monitoring import MONITORING_MESSAGES, MONITORING_METRICS
from chainatlas.web.i18n_news import NEWS_PAGE_MESSAGES
from chainatlas.web.i18n_pages import PAGE_MESSAGES
from chainatlas.web.i18n_projects import PROJECT_MESSAGES
from chainatlas.web.i18n_records import RECORD_MESSAGES
from chainatlas.web.i18n_reports import REPORT_PAGE_MESSAGES
from chainatlas.web.i18n_resilience import RESILIENCE_MESSAGES

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
HTML_LANG = {"zh": "zh-CN", "en": "en"}

# One entry per label: key → (Chinese, English). Placeholders such as {n} must match in both.
MESSAGES: dict[str, tuple[str, str]] = {
    "app.name": ("链图 Chain Atlas", "Chain Atlas"),
    "app.tagline": ("产业集群运行平台", "Running an industry cluster"),
    "lang.other": ("English", "中文"),
    "lang.other_code": ("en", "zh"),
    "nav.overview": ("概览", "Overview"),
    "nav.enterprises": ("企业", "Enterprises"),
    "nav.chain": ("产业链图谱", "Chain map"),
    "nav.import": ("导入", "Import"),
    "nav.login": ("登录", "Sign in"),
    "nav.logout": ("退出", "Sign out"),
    "nav.password": ("修改密码", "Change password"),
    "nav.main": ("主导航", "Main navigation"),
    "footer.sources": (
        "每条数据都注明来源；“合成”表示生成的演示数据，不是实测值。",
        "Every record names its source; “synthetic” marks generated demo data, not measurements.",
    ),
    "footer.api": ("API 文档", "API docs"),
    "badge.synthetic": ("合成", "synthetic"),
    "badge.synthetic_title": ("生成的演示数据，不是实测值", "Generated demo data, not a measurement"),
    "badge.confidential": ("保密", "confidential"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "none": ("—", "—"),
    "table.empty": ("没有符合条件的记录。", "Nothing matches."),
    "download.label": ("下载", "Download"),
    "download.csv": ("CSV", "CSV"),
    "download.xlsx": ("Excel", "Excel"),
    "page.prev": ("上一页", "Previous"),
    "page.next": ("下一页", "Next"),
    "page.of": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "page.nav": ("分页", "Pages"),
    # overview
    "overview.title": ("集群概览", "Cluster overview"),
    "overview.lead": (
        "集群的最新指标、家底与趋势，每个数字都注明出处。",
        "The cluster's latest figures, registry and trends; every number names its source.",
    ),
    "overview.headline": ("最新指标", "Latest figures"),
    "overview.registry": ("家底", "Registry"),
    "overview.trend": ("趋势", "Trend"),
    "overview.metric": ("指标", "Metric"),
    "overview.grain": ("频度", "Frequency"),
    "overview.show": ("显示", "Show"),
    "overview.no_data": ("暂无指标数据。", "No indicators yet."),
    "overview.no_series": (
        "这个指标只有一个观测值，无法画出趋势。",
        "This metric has a single observation; there is no trend to draw.",
    ),
    "overview.in_cluster": ("其中集群内 {n} 家", "{n} inside the cluster"),
    "overview.key_technology": ("其中关键技术环节 {n} 个", "{n} key-technology nodes"),
    "overview.observations": ("{n} 个观测值", "{n} observations"),
    "overview.series_sources": ("数据来源", "Sources"),
    "unit.cny_billion": ("十亿元", "CNY billion"),
    "grain.year": ("年度", "Yearly"),
    "grain.quarter": ("季度", "Quarterly"),
    "grain.month": ("月度", "Monthly"),
    # registry kinds
    "kind.chain_nodes": ("产业链环节", "Chain nodes"),
    "kind.enterprises": ("企业", "Enterprises"),
    "kind.clusters": ("产业集群", "Clusters"),
    "kind.cluster_members": ("集群成员", "Cluster members"),
    "kind.organisations": ("组织机构", "Organisations"),
    "kind.users": ("用户账号", "User accounts"),
    "kind.enterprise_products": ("企业产品", "Enterprise products"),
    "kind.node_relations": ("环节关系", "Chain node relations"),
    "kind.enterprise_nodes": ("企业环节", "Enterprise nodes"),
    "kind.supply_links": ("供应关系", "Supply links"),
    "kind.indicators": ("指标观测", "Indicators"),
    "kind.targets": ("目标", "Targets"),
    "kind.projects": ("重点项目", "Key projects"),
    "kind.milestones": ("里程碑", "Milestones"),
    "kind.project_progress": ("项目进度", "Project progress"),
    # enterprises
    "enterprises.title": ("企业名录", "Enterprise registry"),
    "enterprises.search_placeholder": (
        "名称、统一社会信用代码、编号或股票代码",
        "Name, credit code, id or listed code",
    ),
    "enterprises.total": ("共 {n} 家", "{n} enterprises"),
    "enterprises.showing": ("第 {start}–{end} 家", "showing {start}–{end}"),
    "filter.q": ("搜索", "Search"),
    "filter.node": ("产业链环节", "Chain node"),
    "filter.any": ("全部", "Any"),
    "filter.in_cluster": ("集群内外", "In the cluster"),
    "filter.inside": ("集群内", "Inside"),
    "filter.outside": ("集群外", "Outside"),
    "filter.district": ("区县", "District"),
    "filter.size": ("规模", "Size"),
    "filter.tag": ("标签", "Tag"),
    "filter.apply": ("筛选", "Filter"),
    "filter.reset": ("清除", "Reset"),
    "col.name": ("名称", "Name"),
    "col.location": ("所在地", "Location"),
    "col.size": ("规模", "Size"),
    "col.tags": ("标签", "Tags"),
    "col.in_cluster": ("集群内", "In cluster"),
    "col.source": ("来源", "Source"),
    "col.node": ("环节", "Chain node"),
    "col.node_code": ("环节代码", "Node code"),
    "col.annual_output": ("年产值", "Annual output"),
    "col.capacity": ("产能", "Capacity"),
    "col.partner": ("合作企业", "Partner"),
    "col.partner_id": ("企业编号", "Enterprise id"),
    "col.annual_value": ("年供货额", "Annual value"),
    "col.annual_value_cny": ("年供货额（元）", "Annual value (CNY)"),
    "col.share": ("份额", "Share"),
    "col.since": ("起始年份", "Since"),
    "col.metric": ("指标", "Metric"),
    "col.period": ("期间", "Period"),
    "col.value": ("数值", "Value"),
    "field.current_password": ("当前密码", "Current password"),
    "field.new_password": ("新密码", "New password"),
    "size.large": ("大型", "Large"),
    "size.medium": ("中型", "Medium"),
    "size.small": ("小型", "Small"),
    "size.micro": ("微型", "Micro"),
    "segment.upstream": ("上游", "Upstream"),
    "segment.midstream": ("中游", "Midstream"),
    "segment.downstream": ("下游", "Downstream"),
    "segment.support": ("支撑", "Support"),
    # one enterprise
    "enterprise.profile": ("基本信息", "Profile"),
    "enterprise.makes": ("主营环节", "What it makes"),
    "enterprise.makes_none": ("尚未登记主营环节。", "No chain nodes recorded yet."),
    "enterprise.suppliers": ("供应商", "Suppliers"),
    "enterprise.customers": ("客户", "Customers"),
    "enterprise.count": ("共 {n} 条", "{n} in all"),
    "enterprise.see_all": ("查看全部 {n} 条", "See all {n}"),
    "enterprise.graph": ("供需关系图", "Supply network"),
    "enterprise.graph_note": (
        "按年供货额显示最大的 {n} 家供应商和 {n} 家客户。",
        "The {n} largest suppliers and {n} largest customers by annual value.",
    ),
    "enterprise.indicators": ("企业指标", "Indicators"),
    "enterprise.back": ("返回企业名录", "Back to the registry"),
    "enterprise.of_suppliers": ("{name}的供应商", "Suppliers of {name}"),
    "enterprise.of_customers": ("{name}的客户", "Customers of {name}"),
    "enterprise.back_to": ("返回{name}", "Back to {name}"),
    "graph.self": ("本企业", "This enterprise"),
    # chain
    "chain.title": ("产业链图谱", "Industry chain map"),
    "chain.lead": (
        "按所选指标给环节着色：制造企业中的本地占比、按金额的本地配套率，或境外供应占比。点击环节查看指标和企业。",
        "Nodes are coloured by the chosen measure: the local share of their makers, the local supporting rate by value, or the foreign share. Click a node to see its metrics and makers.",
    ),
    "chain.legend_none": ("暂无企业", "No makers yet"),
    "chain.counts": ("集群内 {inside} · 集群外 {outside}", "{inside} inside · {outside} outside"),
    "chain.local_share": ("本地占比", "Local share"),
    "chain.list": ("环节列表", "All nodes"),
    "chain.panel_hint": (
        "点击图谱或列表中的环节，查看制造它的企业。",
        "Click a node in the map or the list to see who makes it.",
    ),
    "chain.panel_enterprises": ("制造该环节的企业", "Enterprises making this node"),
    "chain.panel_none": ("尚无企业登记制造该环节。", "No enterprise is recorded as making this node."),
    "chain.panel_signin": ("登录后可查看企业名单。", "Sign in to see which enterprises."),
    "chain.panel_all": ("在企业名录中查看全部 {n} 家", "Open all {n} in the registry"),
    "chain.key_technology": ("关键技术", "Key technology"),
    "chain.root": ("产业链", "Industry chain"),
    "chain.segment": ("环节位置", "Segment"),
    # import
    "import.title": ("导入数据", "Import data"),
    "import.files": ("文件", "Files"),
    "import.choose": ("选择文件", "Choose files"),
    "import.none_chosen": ("未选择文件", "No file chosen"),
    "import.dry_run": ("仅校验，不写入", "Check only (dry run): write nothing"),
    "import.submit": ("上传并导入", "Upload and import"),
    "import.problems": ("发现 {n} 个问题，未写入任何数据。", "{n} problem(s) found; nothing was written."),
    "import.truncated": (
        "问题太多，只列出前面一部分；请修正后重新导入。",
        "Too many problems; only the first are listed. Fix them and import again.",
    ),
    "import.written": ("导入成功。", "Imported."),
    "import.dry_ok": ("全部校验通过（仅校验，未写入）。", "Every row is valid (dry run: nothing written)."),
    "import.unchanged": ("所有记录已在库中，没有变化。", "Every record is already in the registry; nothing changed."),
    "import.batch": ("导入批次 {id}", "Import batch {id}"),
    "import.no_files": ("请至少选择一个文件。", "Choose at least one file."),
    "import.result": ("导入结果", "Result"),
    "col.file": ("文件", "File"),
    "col.row": ("行", "Row"),
    "col.column": ("列", "Column"),
    "col.problem": ("问题", "Problem"),
    "col.kind": ("类型", "Kind"),
    "col.added": ("新增", "Added"),
    "col.updated": ("更新", "Updated"),
    "col.unchanged": ("未变", "Unchanged"),
    # account
    "login.title": ("登录", "Sign in"),
    "login.username": ("用户名", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Sign in"),
    "login.failed": ("用户名或密码不正确。", "Wrong username or password."),
    "login.needed": ("请先登录。", "Sign in to continue."),
    "password.title": ("修改密码", "Change password"),
    "password.current": ("当前密码", "Current password"),
    "password.new": ("新密码", "New password"),
    "password.confirm": ("再次输入新密码", "New password again"),
    "password.submit": ("保存新密码", "Save the new password"),
    "password.forced": (
        "这是首次登录，请先设置自己的密码。",
        "This is your first sign-in: set your own password first.",
    ),
    "password.mismatch": ("两次输入的新密码不一致。", "The two new passwords differ."),
    "password.changed": (
        "密码已修改，其他设备上的登录已全部结束。",
        "Your password has been changed; every other sign-in has ended.",
    ),
    "password.keep_tokens": (
        "保留我的 API 令牌（默认撤销全部令牌）",
        "Keep my API tokens (by default every token is revoked)",
    ),
    "password.rules": (
        "至少 10 个字符，字母与数字或符号混合。",
        "At least 10 characters, mixing letters with digits or symbols.",
    ),
    # errors
    "error.title_400": ("输入有误", "Invalid input"),
    "error.text_400": ("请检查以下输入：", "Please check:"),
    "error.title_403": ("无权访问", "Not allowed"),
    "error.text_403": ("你的账号不能执行这个操作。", "Your account may not do this."),
    "error.text_csrf": (
        "表单缺少安全令牌或已过期，请刷新页面后重试。",
        "The form's security token is missing or out of date; reload the page and try again.",
    ),
    "error.title_404": ("未找到", "Not found"),
    "error.text_404": ("没有这个页面或记录。", "There is no such page or record."),
    "error.home": ("返回概览", "Back to the overview"),
    "error.title_429": ("请求过多", "Too many requests"),
    "error.text_job_busy": (
        "你已有 {running} 项分析正在运行，请 {retry} 秒后再试。",
        "{running} analyses of yours are already running; try again in {retry} s.",
    ),
    "error.title_503": ("暂时无法完成", "Not available for now"),
    "error.text_job_timeout": (
        "分析超过了 {limit} 秒的时间上限，已停止，请 {retry} 秒后再试。",
        "The analysis ran past its time limit of {limit} s and was stopped; try again in {retry} s.",
    ),
}
MESSAGES.update({f"field.{name}": label for name, label in field_labels(Enterprise).items()})
"""An enterprise's field labels come from its model's field metadata (domain/fields.py)."""
MESSAGES.update(CHAIN_MESSAGES)
MESSAGES.update(MONITORING_MESSAGES)
MESSAGES.update(FAIR_MESSAGES)
MESSAGES.update(RESILIENCE_MESSAGES)
MESSAGES.update(PROJECT_MESSAGES)
MESSAGES.update(RECORD_MESSAGES)
MESSAGES.update(IMPORT_PAGE_MESSAGES)
MESSAGES.update(ALERT_PAGE_MESSAGES)
MESSAGES.update(REPORT_PAGE_MESSAGES)
MESSAGES.update(PAGE_MESSAGES)
MESSAGES.update(CLUSTER_LABELS)
MESSAGES.update(LOAD_MESSAGES)
MESSAGES.update(ADMIN_PAGE_MESSAGES)
MESSAGES.update(HISTORY_MESSAGES)
MESSAGES.update(DETAILS_MESSAGES)
MESSAGES.update(MEMBERSHIP_LABELS)
MESSAGES.update(NEWS_PAGE_MESSAGES)
MESSAGES.update(MAP_LABELS)

METRICS: dict[str, tuple[str, str]] = {
    "above_scale_output": ("规上企业产值", "Output of above-scale firms"),
    "association_members": ("协会会员数", "Association members"),
    "chain_total_output": ("产业链总产值", "Total output of the chain"),
    "cicee_deal_value": ("工程机械展成交额", "CICEE deal value"),
    "cicee_exhibitors": ("工程机械展参展商", "CICEE exhibitors"),
    "cluster_enterprises_output": ("集群企业产值", "Output of cluster firms"),
    "cluster_enterprises_profit": ("集群企业利润", "Profit of cluster firms"),
    "cluster_scale": ("集群规模", "Cluster scale"),
    "cluster_scale_share_cn": ("集群规模全国占比", "Cluster scale, share of China"),
    "components_output": ("零部件产值", "Components output"),
    "core_oem_output": ("核心主机企业产值", "Output of core OEMs"),
    "enterprises_above_scale": ("规上企业数", "Above-scale enterprises"),
    "etdz_cm_exports": ("经开区工程机械出口", "ETDZ construction-machinery exports"),
    "etdz_cm_output": ("经开区工程机械产值", "ETDZ construction-machinery output"),
    "exports": ("出口额", "Exports"),
    "group_overseas_revenue": ("集团海外收入", "Group overseas revenue"),
    "group_revenue": ("集团营业收入", "Group revenue"),
    "industrial_output_share_cn": ("产值全国占比", "Output, share of China"),
    "industrial_output_share_world": ("产值全球占比", "Output, share of the world"),
    "industrial_output_value": ("工业总产值", "Industrial output value"),
    "key_enterprise_rd_intensity": ("重点企业研发强度", "R&D intensity of key firms"),
    "local_supporting_rate": ("本地配套率", "Local supporting rate"),
    "rd_spend": ("研发投入", "R&D spending"),
}
"""Names of the metrics the demo data carries; other metrics show their code."""
METRICS.update(MONITORING_METRICS)

TAGS: dict[str, tuple[str, str]] = {
    "规上": ("规上", "above scale"),
    "专精特新": ("专精特新", "specialised SME"),
    "小巨人": ("小巨人", "little giant"),
    "高新": ("高新", "high-tech"),
    "链主": ("链主", "chain leader"),
    "上市": ("上市", "listed"),
    "全球50强": ("全球50强", "global top 50"),
}

SERVICE_MESSAGES: dict[str, tuple[str, str]] = {
    "is not the current password": ("不是当前密码", "is not the current password"),
    "must differ from the current password": ("必须与当前密码不同", "must differ from the current password"),
    "must have at least 10 characters": ("至少需要 10 个字符", "must have at least 10 characters"),
    "must mix letters with digits or symbols": ("须混合字母与数字或符号", "must mix letters with digits or symbols"),
}
"""Chinese for the messages services return on forms (other messages show as the service wrote them)."""
SERVICE_MESSAGES.update(FAIR_SERVICE_MESSAGES)

UNITS: dict[str, tuple[str, str]] = {"家": ("家", "firms"), "个": ("个", ""), "台": ("台", "units"), "%": ("%", "%")}


def placeholders(text: str) -> set[str]:
    """Return the names of the {placeholders} in a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Translator:
    """Look labels up in one language; a missing key is a bug and raises KeyError."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGS else DEFAULT_LANG
        self.index = LANGS.index(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        """Return the label of a key, with {placeholders} filled in."""
        text = MESSAGES[key][self.index]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Return whether the catalogue has a label for a key."""
        return key in MESSAGES

    def pick(self, table: Mapping[str, tuple[str, str]], key: str, fallback: str | None = None) -> str:
        """Return the label of a data value (metric, tag, unit) in a table, else the fallback (or the value)."""
        pair = table.get(key)
        return pair[self.index] if pair else (key if fallback is None else fallback)

    def name(self, name_zh: str, name_en: str | None) -> str:
        """Return a record's name in the page language (English falls back to the Chinese name)."""
        return name_en if self.lang == "en" and name_en else name_zh

    def metric(self, metric: str) -> str:
        """Return the label of a metric (its name when none is known)."""
        return self.pick(METRICS, metric)

    def unit(self, unit: str) -> str:
        """Return the label of a unit (the unit itself when none is known)."""
        return self.pick(UNITS, unit)
