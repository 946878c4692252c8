"""Render templates with what every page needs: the labels, the user, the CSRF token, the formatters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from starlette.responses import Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.user import User
from chainatlas.services.cache import freshness_of
from chainatlas.services.clusters import visible_clusters
from chainatlas.web import formatting
from chainatlas.web import i18n_places as places
from chainatlas.web.deps import CSRF_FIELD, csrf_token, language
from chainatlas.web.i18n import HTML_LANG, METRICS, SERVICE_MESSAGES, TAGS, Translator
from chainatlas.web.sources import cited_source, plain_source, quoted_terms


@pass_context
def linked_source(context: Context, source: str | None) -> Markup:
    """Return a source citation in the page's language (its notes translated, its addresses linked)."""
    return cited_source(source, context["t"])


@pass_context
def source_title(context: Context, source: str | None) -> str:
    """Return a source citation as a tooltip, its notes in the page's language."""
    return plain_source(source, context["t"])


def marked(text: str, *data: object) -> Markup:
    """Return a label with the data it names (a user name, a time zone) marked as data, not to translate."""
    html = escape(text)
    for datum in {str(d) for d in data if d}:
        html = html.replace(escape(datum), Markup('<span translate="no">{}</span>').format(datum))
    return html


HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
# Templates ship with the package and never change while it runs: no stat() per render.
TEMPLATES.env.auto_reload = False
TEMPLATES.env.filters.update(
    linked_source=linked_source,
    source_title=source_title,
    quoted_terms=quoted_terms,
    share=formatting.share,
    number=formatting.plain_number,
    say=formatting.say,
    when=formatting.when,
    marked=marked,
)
TEMPLATES.env.tests["synthetic"] = formatting.is_synthetic
TEMPLATES.env.globals.update(CSRF_FIELD=CSRF_FIELD, METRICS=METRICS, TAGS=TAGS, SERVICE_MESSAGES=SERVICE_MESSAGES)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def translator(request: Request) -> Translator:
    """Return the label lookup for the request's language."""
    return Translator(language(request))


def nav_items(path: str, user: User | None) -> list[tuple[str, str, bool]]:
    """Return the main navigation a user sees: (link, label key, whether it is the current section)."""
    items = [("/", "nav.overview"), ("/enterprises", "nav.enterprises"), ("/chain", "nav.chain")]
    items.append(("/scorecard", "nav.scorecard"))
    items.append(("/clusters", "nav.clusters"))
    if allowed(user, Action.ANALYSE, REGISTRY):
        items += [("/chain/gaps", "nav.gaps"), ("/chain/scenarios", "nav.scenarios")]
        items.append(("/reports/briefing", "nav.briefing"))
    if allowed(user, Action.READ, REGISTRY):
        items += [("/projects", "nav.projects"), ("/alerts", "nav.alerts"), ("/news", "nav.news")]
    if allowed(user, Action.IMPORT, REGISTRY):
        items.append(("/import", "nav.import"))
    if allowed(user, Action.WRITE, REGISTRY):
        items.append(("/records", "nav.records"))
    if allowed(user, Action.READ_HISTORY, REGISTRY):
        items.append(("/history", "nav.history"))
    items.append(("/resilience", "nav.resilience"))
    if allowed(user, Action.READ, REGISTRY):
        items.append(("/map", "nav.map"))  # the industry map (issue 17)
    if user is not None:
        items.append(("/fairs", "nav.fair"))
    section = "/chain/gaps" if path.startswith("/chain/nodes/") and path.endswith("/targets") else path
    matching = [href for href, _ in items if section == href or (href != "/" and section.startswith(href + "/"))]
    current = max(matching, key=len, default=None)
    return [(href, key, href == current) for href, key in items]


def _known_name(request: Request) -> str | None:
    """Return the name of the user this request was found to be signed in as, if it was looked up."""
    viewer = getattr(request.state, "viewer", None)
    return viewer.username if isinstance(viewer, User) else None


def page_context(request: Request, user: User | None) -> dict[str, Any]:
    """Return what the base template needs: labels, formatters, who is signed in, the CSRF token."""
    t = translator(request)
    return {
        "t": t,
        "lang": t.lang,
        "html_lang": HTML_LANG[t.lang],
        "user": user,
        "can_import": allowed(user, Action.IMPORT, REGISTRY),
        "can_analyse": allowed(user, Action.ANALYSE, REGISTRY),
        "can_manage_users": allowed(user, Action.MANAGE_USERS, "users"),
        "nav": nav_items(request.url.path, user),
        "username": user.username if user else _known_name(request),
        "csrf": csrf_token(request),
        "money": lambda value: formatting.money(value, t),
        "measure": lambda value, unit: formatting.measure(value, unit, t),
        "place": lambda name: places.place(name, t),
        "country_name": lambda code: places.country(code, t),
        "where": lambda *parts: places.location(list(parts), t),
        "location_path": lambda path: places.location_path(path, t),
        "capacity_unit": lambda unit: places.capacity_unit(unit, t),
        "clock_zone": request.app.state.clock.zone,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        "path": request.url.path,
        "data_freshness": freshness_of(getattr(request.state, "unit_info", {})),
        **cluster_picker(request, user),
    }


def cluster_picker(request: Request, user: User | None) -> dict[str, Any]:
    """Return what the cluster picker of every page needs: the clusters the user may choose, the one shown (the
    page's `?cluster=`, else the default), the page's other query parameters, which a choice keeps, and the
    cluster the menu's links keep (the one the page names, if any)."""
    session = getattr(request.state, "page_session", None)
    clusters = [] if session is None else visible_clusters(session, user)
    chosen = request.query_params.get("cluster")
    current = chosen if any(c.id == chosen for c in clusters) else (clusters[0].id if clusters else None)
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cluster", "offset", "page", "after")]
    keep = current if chosen == current and chosen is not None else None
    return {"clusters": clusters, "cluster_current": current, "cluster_kept": kept, "cluster_keep": keep}


def render(
    request: Request, template: str, context: dict[str, Any], *, user: User | None, status: int = 200
) -> Response:
    """Return a page rendered from a template, with the security headers every page carries."""
    response = TEMPLATES.TemplateResponse(
        request, template, {**page_context(request, user), **context}, status_code=status
    )
    response.headers.update(SECURITY_HEADERS)
    return response
