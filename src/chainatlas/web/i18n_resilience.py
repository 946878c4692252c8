"""The resilience pages' labels (exposure, time to survive, supply graph, what-if), Chinese and English; merged into MESSAGES."""

from __future__ import annotations

RESILIENCE_MESSAGES: dict[str, tuple[str, str]] = {
    "kind.resilience_profiles": ("韧性参数", "Resilience profiles"),
    "kind.bom_lines": ("物料清单", "Bill-of-materials lines"),
}
