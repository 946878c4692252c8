"""Money as Chinese readers read it (the formatter lives in `reports.money`, shared with the briefing)."""

from __future__ import annotations

from chainatlas.reports.money import format_cny

__all__ = ["format_cny"]
