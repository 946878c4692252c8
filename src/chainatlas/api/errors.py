"""Errors as RFC 9457 problem details (application/problem+json), every field error listed."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from chainatlas.domain.common import Problem
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed, NotFound, TooManyAttempts
from chainatlas.services.jobs import JobTimedOut, TooManyJobs

PROBLEM_JSON = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Sign-in required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}


def problem_response(
    request: Request,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Return a problem+json response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": str(request.url.path),
    }
    if errors is not None:
        body["errors"] = errors
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def field_errors(problems: list[Problem]) -> list[dict[str, Any]]:
    """Return problems as the `errors` member of a problem detail."""
    return [{"field": p.field, "message": p.message, "value": p.value} for p in problems]


def validation_error(error: Any) -> dict[str, Any]:
    """Return one request validation error as a field error; a body that is not JSON is the field `body` (the
    position of the fault goes into the message, not the field)."""
    loc = error["loc"]
    if error["type"] == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        where = f" at character {loc[1]}" if len(loc) > 1 else ""
        message = error["msg"] + where + (f": {reason}" if reason else "")
        return {"field": str(loc[0]), "message": message, "value": None}
    value = error.get("input")
    return {
        "field": ".".join(str(p) for p in loc[1:]) or str(loc[0]),
        "message": error["msg"],
        "value": None if value is None else str(value),
    }


def install_error_handlers(app: FastAPI) -> None:
    """Make every API error a problem detail."""

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, error: InvalidInput) -> JSONResponse:
        return problem_response(request, 422, "the input breaks rules; see errors", field_errors(error.problems))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        return problem_response(request, 404, str(error))

    @app.exception_handler(Conflict)
    async def conflict(request: Request, error: Conflict) -> JSONResponse:
        return problem_response(request, 409, str(error))

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, error: NotAllowed) -> JSONResponse:
        return problem_response(request, 403 if error.signed_in else 401, str(error))

    _install_busy_handlers(app)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [validation_error(e) for e in error.errors()]
        return problem_response(request, 422, "the request does not match the API; see errors", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return problem_response(request, error.status_code, str(error.detail))


def _install_busy_handlers(app: FastAPI) -> None:
    """Answer work refused for now (too many jobs or sign-in attempts: 429; a job past its limit: 503) with Retry-After."""

    @app.exception_handler(JobTimedOut)
    async def timed_out(request: Request, error: JobTimedOut) -> JSONResponse:
        return problem_response(request, 503, str(error), headers={"Retry-After": str(error.retry_after)})

    @app.exception_handler(TooManyJobs)
    async def too_many(request: Request, error: TooManyJobs) -> JSONResponse:
        return problem_response(request, 429, str(error), headers={"Retry-After": str(error.retry_after)})

    @app.exception_handler(TooManyAttempts)
    async def too_many_attempts(request: Request, error: TooManyAttempts) -> JSONResponse:
        headers = None if error.retry_after is None else {"Retry-After": str(error.retry_after)}
        return problem_response(request, 429, str(error), headers=headers)
