"""Keep rendered pages while the registry is unchanged, per reader, and serve them without re-rendering.

A page depends on its address, the language, who reads it (role, enterprise, clusters, name in the header)
and the data it shows; the key holds all of these, the data as the versions of the registry, the users and
the alerts (pages show alerts and the change history of users; a recorded write of any of them moves its
version on), so a cached page is exactly what the handler would render again. A page that showed
confidential supply links is never kept: each reading of it must reach the access log. The
one per-session value inside a page, the CSRF token, is stored as a placeholder and put back per
request. Only successful HTML answers to GET are kept; downloads and redirects never are.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from fastapi import Request
from starlette.responses import Response

from chainatlas.services.access_log import showed_confidential
from chainatlas.services.cache import Concern, freshness_of, versions_of
from chainatlas.services.sessions import SESSION_CSRF
from chainatlas.services.uow import UnitOfWork
from chainatlas.web.deps import cookie_user, csrf_token, language

TOKEN_PLACEHOLDER = b"\x00csrf\x00"
MAX_PAGES = 512


@dataclass(frozen=True)
class StoredPage:
    """A rendered page with its CSRF token taken out."""

    body: bytes
    headers: tuple[tuple[str, str], ...]


class PageCache:
    """A bounded, thread-safe store of rendered pages (least recently used go first)."""

    def __init__(self, size: int = MAX_PAGES) -> None:
        self._lock = threading.Lock()
        self._pages: OrderedDict[Hashable, StoredPage] = OrderedDict()
        self._size = size

    def get(self, key: Hashable) -> StoredPage | None:
        """Return the page stored under a key, if any."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: StoredPage) -> None:
        """Store a page, dropping the least recently used one when full."""
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)


def page_key(request: Request) -> Hashable | None:
    """Return the cache key of a GET page request, or None when it must not be cached (a due password change)."""
    if request.query_params.get("format"):
        return None
    user = cookie_user(request)
    if user is not None and user.must_change_password:
        return None
    with UnitOfWork(request.app.state.engine) as uow:
        version = versions_of(uow.session, *Concern)
    who = None if user is None else (user.username, user.role.value, user.enterprise_id, user.clusters)
    return (request.url.path, request.url.query, language(request), who, version)


def stored(response: Response, request: Request) -> StoredPage | None:
    """Return a response as a page to keep (its CSRF token replaced by a placeholder), if it may be kept."""
    media = response.headers.get("content-type", "")
    if response.status_code != 200 or not media.startswith("text/html") or "set-cookie" in response.headers:
        return None
    if "no-store" in response.headers.get("cache-control", ""):
        return None
    if showed_confidential(getattr(request.state, "unit_info", {})):
        return None
    freshness = freshness_of(getattr(request.state, "unit_info", {}))
    if freshness is not None and freshness.stale:  # its newer figures are being computed: render it again then
        return None
    token = request.session.get(SESSION_CSRF)
    body = bytes(response.body)
    if token:
        body = body.replace(str(token).encode(), TOKEN_PLACEHOLDER)
    headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "content-length")
    return StoredPage(body, headers)


def replay(page: StoredPage, request: Request) -> Response:
    """Return a stored page for this request, with this session's CSRF token."""
    body = page.body.replace(TOKEN_PLACEHOLDER, csrf_token(request).encode())
    return Response(content=body, headers=dict(page.headers))
