"""Errors as pages: sign-in redirects, 403/404/400 pages, and the CSRF check of every form post."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.common import Problem
from chainatlas.services.errors import InvalidInput, NotAllowed, NotFound, ServiceError, TooManyAttempts
from chainatlas.services.jobs import JobTimedOut, TooManyJobs
from chainatlas.services.validation import error_problem
from chainatlas.web.deps import ACCOUNT_PAGE, CsrfRefused, PasswordChangeDue, check_csrf, cookie_user, page_lang
from chainatlas.web.page_cache import PageCache, page_key, replay, stored
from chainatlas.web.render import render

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def sign_in_redirect(request: Request) -> RedirectResponse:
    """Send a visitor to the sign-in page, remembering where they were going (GET only)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET":
        target = request.url.path
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)


def error_page(
    request: Request, status: int, *, text_key: str, problems: list[Problem] | None = None, **text: object
) -> Response:
    """Return the error page for a status, with a message (its placeholders filled from `text`) and any input
    problems."""
    context = {"status": status, "text_key": text_key, "text": text, "problems": problems or []}
    return render(request, "error.html", context, user=None, status=status)


async def unknown_page(request: Request, status: int) -> Response:
    """Return the styled page for an address no page answers (404) or a method a page does not take (405), with
    the visitor's menu."""
    user = await run_in_threadpool(cookie_user, request)
    text_key = "error.text_405" if status == 405 else "error.text_404"
    context = {"status": status, "text_key": text_key, "text": {}, "problems": []}
    return render(request, "error.html", context, user=user, status=status)


def busy_page(request: Request, error: JobTimedOut | TooManyJobs) -> Response:
    """Return the page that says a heavy job timed out (503) or the user has too many running (429)."""
    if isinstance(error, JobTimedOut):
        page = error_page(
            request, 503, text_key="error.text_job_timeout", limit=f"{error.limit:g}", retry=error.retry_after
        )
    else:
        page = error_page(request, 429, text_key="error.text_job_busy", running=error.running, retry=error.retry_after)
    page.headers["Retry-After"] = str(error.retry_after)
    return page


def throttled_login_page(request: Request, error: TooManyAttempts) -> Response:
    """Return the sign-in page refusing an attempt (429), saying how long to wait or that the account is locked."""
    context = {"next": "/", "failed": False, "asked": False, "throttled": error.text(page_lang(request))}
    response = render(request, "login.html", context, user=None, status=429)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _validation_problems(error: RequestValidationError) -> list[Problem]:
    return [
        error_problem(e, ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), e.get("input"))
        for e in error.errors()
    ]


def _cluster_problems(error: NotFound) -> list[Problem]:
    """Return the `?cluster=` that names no cluster as a problem naming the known ones (other 404s say no more)."""
    if not error.code.startswith("cluster."):
        return []
    return [Problem.of("cluster", error.code, error.params, value=str(error.params.get("cluster") or ""))]


def page_for_error(request: Request, error: Exception) -> Response:
    """Return the page (or redirect) that answers an error raised while serving a page."""
    if isinstance(error, PasswordChangeDue):
        return RedirectResponse(ACCOUNT_PAGE, status_code=303)
    if isinstance(error, CsrfRefused):
        return error_page(request, 403, text_key="error.text_csrf")
    if isinstance(error, TooManyAttempts):
        return throttled_login_page(request, error)
    if isinstance(error, NotAllowed):
        return sign_in_redirect(request) if not error.signed_in else error_page(request, 403, text_key="error.text_403")
    if isinstance(error, NotFound):
        return error_page(request, 404, text_key="error.text_404", problems=_cluster_problems(error))
    if isinstance(error, InvalidInput):
        return error_page(request, 400, text_key="error.text_400", problems=error.problems)
    if isinstance(error, RequestValidationError):
        return error_page(request, 400, text_key="error.text_400", problems=_validation_problems(error))
    if isinstance(error, JobTimedOut | TooManyJobs):
        return busy_page(request, error)
    raise error


async def _checked_form(request: Request) -> None:
    """Parse the posted form (the route reuses it) and refuse it without the session's CSRF token."""
    form = await request.form()
    try:
        check_csrf(request, form)
    except CsrfRefused:
        await form.close()
        raise


class PageRoute(APIRoute):
    """A page route: form posts must carry the CSRF token, and errors become pages, not problem+json."""

    def get_route_handler(self) -> Handler:
        """Return the route's handler wrapped with the CSRF check and the error pages."""
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                if request.method == "GET":
                    return await _cached(request, handler)
                if request.method not in ("HEAD", "OPTIONS"):
                    await _checked_form(request)
                return await handler(request)
            except (ServiceError, PasswordChangeDue, CsrfRefused, RequestValidationError) as error:
                return page_for_error(request, error)

        return page_handler


async def _cached(request: Request, handler: Handler) -> Response:
    """Answer a GET from the page cache, or render it and keep it when it may be kept."""
    pages: PageCache = request.app.state.page_cache
    key = await run_in_threadpool(page_key, request)
    page = pages.get(key) if key is not None else None
    if page is not None:
        return replay(page, request)
    response = await handler(request)
    if key is not None and (keep := stored(response, request)) is not None:
        pages.put(key, keep)
    return response
