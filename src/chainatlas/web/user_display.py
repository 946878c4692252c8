"""How the user administration and own-token pages show times, problems and themselves (never cached)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from starlette.responses import Response

from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.common import Problem
from chainatlas.domain.user import ApiToken, User
from chainatlas.web.deps import language
from chainatlas.web.i18n import SERVICE_MESSAGES, Translator
from chainatlas.web.render import render


def local_time(at: dt.datetime | None, zone: dt.tzinfo, lang: str) -> str:
    """Return an instant in the cluster's time zone, written as the page language writes it (`time.at`)."""
    if at is None:
        return "—"
    local = at.astimezone(zone)
    return Translator(lang)("time.at", year=local.year, month=local.month, day=local.day, time=f"{local:%H:%M}")


def problem_texts(problems: list[Problem], lang: str) -> dict[str, list[str]]:
    """Return the problems' messages in the page language, by the field they concern."""
    t = Translator(lang)
    texts: dict[str, list[str]] = {}
    for problem in problems:
        text = (
            problem.text("zh" if t.lang == "zh" else "en")
            if problem.code
            else t.pick(SERVICE_MESSAGES, problem.message)
        )
        texts.setdefault(problem.field, []).append(text)
    return texts


def revoked_name(tokens: list[ApiToken], token_id: str | None) -> str | None:
    """Return the name of the revoked token a page's `token` parameter names (never text taken from the address)."""
    return next((t.name for t in tokens if str(t.id) == token_id and t.revoked_at is not None), None)


def render_private(
    request: Request, template: str, context: dict[str, Any], *, user: User, status: int = 200
) -> Response:
    """Render a page about accounts: with the cluster's clock for its times, and never stored by the page cache
    or the browser (it shows sign-ins and tokens as they are now)."""
    clock: ClusterClock = request.app.state.clock
    lang = language(request)
    full = {"when": lambda at: local_time(at, clock.zone, lang), "zone": str(clock.zone), **context}
    response = render(request, template, full, user=user, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response
