"""Labels of the data-version status on the pages (a result being recomputed after a write), in Chinese and
English."""

from __future__ import annotations

LOAD_MESSAGES: dict[str, tuple[str, str]] = {
    "data.recomputing": (
        "数据已更新（版本 {current}），分析结果正在重新计算；此处显示的是版本 {version} 的结果，请稍后刷新。",
        "The data changed (version {current}) and the analyses are being recomputed; this shows the results as of "
        "version {version}. Reload in a moment.",
    ),
}
