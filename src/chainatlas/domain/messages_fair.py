"""Message texts of the fair (CICEE): its records' rules, participants, schedules and agendas."""

from __future__ import annotations

FAIR_MESSAGES: dict[str, tuple[str, str]] = {
    "fair.clock": ("须为 24 小时制时刻 HH:MM，如 09:00", "must be a time of day HH:MM (24-hour), e.g. 09:00"),
    "fair.window_format": (
        "每个可用时段须写作 天、天:时段 或 天:起-止，如 1:3-8",
        "each available window must be DAY, DAY:SLOT or DAY:FIRST-LAST, e.g. 1:3-8",
    ),
    "fair.window_order": (
        "时段 {window}：天和时段从 1 开始计，且起 ≤ 止",
        "window {window}: days and slots count from 1 and FIRST ≤ LAST",
    ),
    "fair.end_before_start": ("早于开幕日期 {start}", "is before the start {start}"),
    "fair.too_long": ("展会最多持续 {days} 天", "a fair runs at most {days} days"),
    "fair.time_zone": ("不是时区名称（如 Asia/Shanghai）", "is not a time zone name such as Asia/Shanghai"),
    "fair.past_midnight": ("当天的时段排到了午夜之后", "the day's slots run past midnight"),
    "fair.max_below_min": ("小于最少洽谈数 {min_meetings}", "is below min_meetings {min_meetings}"),
    "fair.staff_buyer": ("只有展商可以同时进行多场洽谈", "only exhibitors hold parallel meetings"),
    "fair.preference_self": ("参会方不能对自己表达意向", "a participant cannot state a preference about itself"),
    "fair.preference_other_fair": (
        "是展会 {other} 的参会方，不属于 {fair}（{source} 所在的展会）",
        "is a participant of fair {other}, not of {fair} (fair of {source})",
    ),
    "fair.preference_same_side.exhibitor": (
        "同为展商：意向只能连接展商与采购商",
        "is another exhibitor: preferences link an exhibitor and a buyer",
    ),
    "fair.preference_same_side.buyer": (
        "同为采购商：意向只能连接展商与采购商",
        "is another buyer: preferences link an exhibitor and a buyer",
    ),
    "fair.window_outside": (
        "时段 {window} 超出展会安排：展会 {fair} 共 {days} 天，每天 {slots} 个时段",
        "window {window} is outside the grid: fair {fair} has {days} day(s) of {slots} slot(s)",
    ),
    "fair.held_absent": ("已举行的洽谈没有缺席方", "a held meeting has nobody absent"),
    "fair.not_found": ("没有展会 {fair}", "no fair {fair}"),
    "fair.participant_not_found": (
        "展会 {fair} 没有参会方 {participant}",
        "no participant {participant} in fair {fair}",
    ),
    "fair.meeting_not_found": (
        "展会 {fair} 没有已排定的洽谈 {exhibitor}–{buyer}",
        "no scheduled meeting {exhibitor}–{buyer} in fair {fair}",
    ),
    "fair.participant_only": (
        "只有组织方和参会方本人可以查看",
        "only organisers and the participant itself may see this",
    ),
    "fair.no_exhibitor": ("展会还没有展商", "the fair has no exhibitor"),
    "fair.no_buyer": ("展会还没有采购商", "the fair has no buyer"),
    "fair.schedule_input": ("排期的输入有误：{reason}", "the schedule's input is wrong: {reason}"),
    "fair.agenda_format": ("没有议程格式 {format}；可用：{known}", "no agenda format {format}; use one of {known}"),
}
