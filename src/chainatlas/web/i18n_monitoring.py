"""The monitoring pages' labels (targets scorecard, brands, platforms), Chinese and English; merged into MESSAGES."""

from __future__ import annotations

MONITORING_MESSAGES: dict[str, tuple[str, str]] = {
    "nav.scorecard": ("目标考核", "Scorecard"),
    "kind.brands": ("品牌", "Brands"),
    "kind.brand_rankings": ("品牌排名", "Brand rankings"),
    "kind.innovation_platforms": ("创新平台", "Innovation platforms"),
    # the page
    "scorecard.title": ("目标考核", "Targets scorecard"),
    "scorecard.lead": (
        "每个目标的最新实际值、完成进度、所需与实际年均增速、按趋势预测到目标期的数值及其区间，以及据此判断的状态。状态取决于所选的评判日期。",
        "For each target: the latest actual, progress, the yearly growth it requires against the growth achieved, the trend projected to the target period with its interval, and the status they give. Every status depends on the as-of date chosen.",
    ),
    "scorecard.as_of": ("评判日期", "As of"),
    "scorecard.show": ("显示", "Show"),
    "scorecard.none": ("尚无目标。", "No targets yet."),
    "scorecard.count": ("共 {n} 个目标", "{n} targets"),
    "scorecard.summary": ("状态汇总", "Status summary"),
    "scorecard.jump": ("目标一览", "All targets"),
    "scorecard.target": ("目标", "Target"),
    "scorecard.baseline": ("基期 {period}：{value}", "baseline {period}: {value}"),
    "scorecard.latest": ("最新实际", "Latest actual"),
    "scorecard.progress": ("完成进度", "Progress"),
    "scorecard.required": ("所需年均增速", "Required yearly growth"),
    "scorecard.actual": ("实际年均增速", "Actual yearly growth"),
    "scorecard.actual_window": ("{start}–{end}", "{start}–{end}"),
    "scorecard.projected": ("趋势预测", "Trend projection"),
    "scorecard.interval": ("80% 区间 {low} – {high}", "80% interval {low} – {high}"),
    "scorecard.down": ("越低越好", "lower is better"),
    "scorecard.registry_count": ("由登记库计数", "counted from the registry"),
    "scorecard.series": ("历年数值与同比", "Values and year-on-year change"),
    "scorecard.ytd": ("本年累计（1–N月累计）与同比", "Year to date (cumulative months) and year-on-year change"),
    "scorecard.chart_label": ("{metric}：实际值、目标与趋势区间", "{metric}: actuals, target and trend band"),
    "scorecard.why": ("说明", "Why"),
    "scorecard.target_source": ("目标来源", "Target source"),
    "col.yoy": ("同比", "YoY"),
    "col.ytd_period": ("累计期间", "Months"),
    "ytd.months": ("{year}年1–{n}月", "{year}, months 1–{n}"),
    "ytd.one_month": ("{year}年1月", "Jan {year}"),
    "scope.cluster": ("全集群", "Whole cluster"),
    "scope.node": ("产业链环节 {code}", "Chain node {code}"),
    "scope.enterprise": ("企业 {code}", "Enterprise {code}"),
    "chart.actual": ("实际值", "Actual"),
    "chart.target": ("目标", "Target"),
    "chart.trend": ("趋势", "Trend"),
    "chart.band": ("80% 预测区间", "80% prediction interval"),
    "status.achieved": ("已实现", "Achieved"),
    "status.on_track": ("按期可达", "On track"),
    "status.at_risk": ("存在风险", "At risk"),
    "status.off_track": ("偏离目标", "Off track"),
    "status.unknown": ("无法判断", "Cannot judge"),
    # why a value is missing or a status was given (analytics.scorecard.REASONS)
    "reason.no_observation": (
        "评判日期前没有该指标、该范围在可比期间的观测值",
        "no observation of this metric and scope in a comparable period by the as-of date",
    ),
    "reason.units_differ": ("观测值与目标的单位不同", "the observations and the target are in different units"),
    "reason.target_equals_baseline": ("目标值等于基期值", "the target equals its baseline"),
    "reason.target_zero": ("目标值为零", "the target is zero"),
    "reason.latest_at_target_period": (
        "最新期间已是目标期（或更晚）",
        "the latest period is the target period (or later)",
    ),
    "reason.non_positive": ("有数值 ≤ 0，增速无意义", "a value is ≤ 0, so a growth rate has no meaning"),
    "reason.one_observation": (
        "近 5 年内不足两个观测值",
        "fewer than two observations in the last 5 years of the series",
    ),
    "reason.interval_needs_three": (
        "区间至少需要三个观测值",
        "an interval needs at least three observations in the window",
    ),
    "reason.target_period_running": (
        "目标期尚未结束，目标暂未达到",
        "the target period has not ended and the target is not met yet",
    ),
    "reason.target_missed": ("目标期已结束，未达到目标", "the target period has ended without reaching the target"),
    "reason.no_trend": (
        "观测值不足两个，无法推算趋势",
        "no trend to project: fewer than two observations in the window",
    ),
    "reason.no_interval": (
        "趋势达不到目标，且没有区间可判断差距",
        "the trend misses the target and there is no interval to judge by how much",
    ),
    "reason.within_interval": (
        "趋势达不到目标，但目标在预测区间之内",
        "the trend misses the target, but the target lies within the projection interval",
    ),
    "reason.beyond_interval": ("目标超出预测区间", "the target lies beyond the projection interval"),
    "field_reason.progress": ("完成进度", "progress"),
    "field_reason.required_cagr": ("所需年均增速", "required growth"),
    "field_reason.actual_cagr": ("实际年均增速", "actual growth"),
    "field_reason.projected_value": ("趋势预测", "projection"),
    "field_reason.projection_low": ("预测区间", "interval"),
    "field_reason.status": ("状态", "status"),
    # definitions shown on the page (docs/monitoring.md says the same)
    "def.title": ("口径与算法", "Definitions"),
    "def.progress": (
        "完成进度 = (最新值 − 基期值) / (目标值 − 基期值)；无基期时 = 最新值 / 目标值。",
        "progress = (latest − baseline) / (target − baseline); without a baseline, latest / target.",
    ),
    "def.required": (
        "所需年均增速 = (目标值 / 最新值)^(1 / 最新期到目标期的年数) − 1。",
        "required growth = (target / latest)^(1 / years from the latest to the target period) − 1.",
    ),
    "def.actual": (
        "实际年均增速：序列最近 5 年内（含首尾，如 2020–2025）最早与最新观测值之间的复合年均增速。",
        "actual growth: compound yearly growth from the earliest to the latest observation within the last 5 years of the series (ends included, e.g. 2020–2025).",
    ),
    "def.projection": (
        "趋势预测：在同一窗口上用最小二乘拟合 ln(值) = a + b·t，外推到目标期；区间为 80% 预测区间 exp(ŷ ± t₀.₉₀,ₙ₋₂ · s · √(1 + 1/n + (t − t̄)² / Σ(tᵢ − t̄)²))，s 为对数残差标准差（n − 2 自由度）；少于 3 个观测值时没有区间。",
        "projection: ln(value) = a + b·t fitted by least squares on the same window and extended to the target period; the interval is the 80% prediction interval exp(ŷ ± t₀.₉₀,ₙ₋₂ · s · √(1 + 1/n + (t − t̄)² / Σ(tᵢ − t̄)²)), s the residual standard deviation of the logs (n − 2 degrees of freedom); fewer than 3 observations give no interval.",
    ),
    "def.status": (
        "状态：最新值已达到目标为“已实现”；否则目标期已结束（无论最新数据是哪一期）为“偏离目标”（未完成）；目标期未结束而最新期已到目标期时为“存在风险”；否则趋势预测达到目标为“按期可达”，只有区间的有利端达到（或无趋势、无区间）为“存在风险”，区间有利端也达不到为“偏离目标”。目标低于基期时越低越好，比较方向相反。",
        "status: achieved when the latest value meets the target; otherwise off track (missed) once the target period has ended, however old the latest value; at risk while it runs when the latest period is the target period; otherwise on track when the trend meets the target, at risk when only the interval's favourable bound does (or there is no trend or no interval), off track when even that bound misses it. A target below its baseline is met from above.",
    ),
    "def.nulls": (
        "无法计算时（最新期即目标期、数值 ≤ 0、单位不同）数值为空，并说明原因。",
        "Where a rate cannot be computed (the latest period is the target period, values ≤ 0, units differ) it is empty, with the reason.",
    ),
    "def.series": (
        "只比较同一指标、同一范围、同一单位、同类期间的数据：年度目标对年度值；月度目标对各年同月的 1–N月累计值。评判日期之后结束的期间不计入。",
        "Only observations of the same metric, scope, unit and kind of period are compared: a yearly target with yearly values; a month target with the same 1–N months of each year. Periods ending after the as-of date are left out.",
    ),
    "def.ytd": (
        "月度、季度数值为本年 1–N月累计值（统计部门发布口径）；同比 = 本期累计 / 上年同期累计 − 1。",
        "Monthly and quarterly values are cumulative from January (months 1–N, as Chinese statistics publish them); year-on-year = this period / the same period a year earlier − 1.",
    ),
    "def.counts": (
        "规上企业、链主、专精特新、“小巨人”、全球50强品牌、国家级和省级创新平台的数量，当期由登记库按评判日期计数（全球50强取评判年度前最近一期榜单），往期取自指标数据。",
        "Counts of above-scale firms, chain leaders, specialised SMEs, little giants, global top-50 brands and national and provincial platforms are counted from the registry for the as-of date (the latest top-50 list published by then); earlier periods come from indicators.",
    ),
}

MONITORING_METRICS: dict[str, tuple[str, str]] = {
    "cm_output": ("工程机械产值", "Construction-machinery output"),
    "chain_leaders": ("链主企业数", "Chain leaders"),
    "specialised_smes": ("专精特新企业数", "Specialised SMEs"),
    "little_giants": ("专精特新“小巨人”企业数", "Little giants"),
    "global_top50_brands": ("全球工程机械50强品牌数", "Brands in the global top 50"),
    "national_platforms": ("国家级创新平台数", "National innovation platforms"),
    "provincial_platforms": ("省级创新平台数", "Provincial innovation platforms"),
}
"""Names of the counted metrics (and of the sourced 2015 target's metric)."""

COUNT_UNITS = ("家", "个")
"""Units of counts: their values and projections show as whole numbers."""
