"""Messages a person reads, as a code with parameters, and the catalogue of their Chinese and English texts.

Services raise problems and errors with a code; adapters render the code in the reader's language
(`message_text`). Each capability keeps its entries in a `messages_<area>.py` module of this package,
merged into `CATALOGUE` here; a code's two texts take the same `{placeholders}`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Literal

from pydantic_core import PydanticCustomError

from chainatlas.domain.messages_access import ACCESS_MESSAGES
from chainatlas.domain.messages_admin import ADMIN_MESSAGES
from chainatlas.domain.messages_alerts import ALERT_MESSAGES
from chainatlas.domain.messages_briefing import BRIEFING_MESSAGES
from chainatlas.domain.messages_chain import CHAIN_MESSAGES
from chainatlas.domain.messages_clusters import CLUSTER_MESSAGES
from chainatlas.domain.messages_common import COMMON_MESSAGES
from chainatlas.domain.messages_fair import FAIR_MESSAGES
from chainatlas.domain.messages_fields import FIELD_MESSAGES
from chainatlas.domain.messages_history import HISTORY_MESSAGES
from chainatlas.domain.messages_import import IMPORT_MESSAGES
from chainatlas.domain.messages_jobs import JOB_MESSAGES
from chainatlas.domain.messages_map import MAP_MESSAGES
from chainatlas.domain.messages_monitoring import MONITORING_MESSAGES
from chainatlas.domain.messages_news import NEWS_MESSAGES
from chainatlas.domain.messages_news_extract import NEWS_EXTRACT_MESSAGES
from chainatlas.domain.messages_places import PLACE_MESSAGES
from chainatlas.domain.messages_records import RECORD_MESSAGES
from chainatlas.domain.messages_registry import REGISTRY_MESSAGES
from chainatlas.domain.messages_resilience import RESILIENCE_MESSAGES
from chainatlas.domain.messages_scale import SCALE_MESSAGES

Lang = Literal["zh", "en"]
Params = Mapping[str, str | int | float | None]

CATALOGUE: dict[str, tuple[str, str]] = {
    **COMMON_MESSAGES,
    **RECORD_MESSAGES,
    **IMPORT_MESSAGES,
    **ALERT_MESSAGES,
    **ADMIN_MESSAGES,
    **HISTORY_MESSAGES,
    **FIELD_MESSAGES,
    **REGISTRY_MESSAGES,
    **ACCESS_MESSAGES,
    **CHAIN_MESSAGES,
    **CLUSTER_MESSAGES,
    **RESILIENCE_MESSAGES,
    **MONITORING_MESSAGES,
    **FAIR_MESSAGES,
    **JOB_MESSAGES,
    **SCALE_MESSAGES,
    **PLACE_MESSAGES,
    **NEWS_MESSAGES,
    **NEWS_EXTRACT_MESSAGES,
    **MAP_MESSAGES,
    **BRIEFING_MESSAGES,
}


def message_text(code: str, params: Params, lang: Lang) -> str:
    """Return the text of a message code in `lang`; an unknown code is returned as it is."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return code
    template = texts[0] if lang == "zh" else texts[1]
    return template.format_map({k: "" if v is None else v for k, v in params.items()})


def placeholders(template: str) -> set[str]:
    """Return the `{names}` a template takes."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def field_error(code: str, **params: str | int | float | None) -> PydanticCustomError:
    """Return the error a field validator raises for a message code (pydantic's message is the English text)."""
    return PydanticCustomError(code, message_text(code, params, "en"), dict(params))
