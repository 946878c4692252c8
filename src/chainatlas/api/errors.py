"""Errors as RFC 9457 problem details (application/problem+json), every field error listed."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from chainatlas.api.lang import request_lang
from chainatlas.domain.common import Problem
from chainatlas.domain.messages import Lang, Params, message_text
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed, NotFound, ServiceError, TooManyAttempts
from chainatlas.services.jobs import JobTimedOut, TooManyJobs
from chainatlas.services.validation import error_problem

PROBLEM_JSON = "application/problem+json"
TITLES: dict[int, tuple[str, str]] = {
    400: ("请求有误", "Bad request"),
    401: ("需要登录", "Sign-in required"),
    403: ("无权操作", "Not allowed"),
    404: ("未找到", "Not found"),
    405: ("不支持该请求方法", "Method not allowed"),
    409: ("冲突", "Conflict"),
    413: ("内容过大", "Too large"),
    415: ("不支持的内容类型", "Unsupported media type"),
    422: ("输入有误", "Invalid input"),
    429: ("请求过多", "Too many requests"),
    500: ("内部错误", "Internal error"),
    503: ("服务暂不可用", "Service unavailable"),
}
ERROR_TITLE = ("错误", "Error")


def problem_response(
    request: Request,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    *,
    code: str = "",
    params: Params | None = None,
) -> JSONResponse:
    """Return a problem+json response; its title (and the detail of a coded message) in the reader's language."""
    lang = request_lang(request)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, ERROR_TITLE)[0 if lang == "zh" else 1],
        "status": status,
        "detail": message_text(code, params or {}, lang) if code else detail,
        "instance": str(request.url.path),
    }
    if code:
        body["code"], body["params"] = code, dict(params or {})
    if errors is not None:
        body["errors"] = errors
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    headers = {**(headers or {}), "Content-Language": "zh-CN" if lang == "zh" else "en"}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def error_response(
    request: Request, status: int, error: ServiceError, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Return a service error as a problem detail, with its code and parameters when it has them."""
    return problem_response(request, status, str(error), headers=headers, code=error.code, params=error.params)


def field_errors(problems: list[Problem], lang: Lang = "zh") -> list[dict[str, Any]]:
    """Return problems as the `errors` member of a problem detail, each message in `lang` with its code."""
    return [
        {"field": p.field, "message": p.text(lang), "value": p.value, "code": p.code, "params": dict(p.params)}
        for p in problems
    ]


def request_problem(error: Any) -> Problem:
    """Return one request validation error as a coded problem; a body that is not JSON is the field `body`
    (the position of the fault goes into the message, not the field)."""
    loc = error["loc"]
    if error["type"] == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        return Problem.coded(str(loc[0]), "field.json", position=loc[1] if len(loc) > 1 else "?", reason=reason)
    field = ".".join(str(p) for p in loc[1:]) or str(loc[0])
    return error_problem(error, field, error.get("input"))


def validation_error(error: Any, lang: Lang = "zh") -> dict[str, Any]:
    """Return one request validation error as a field error of a problem detail."""
    return field_errors([request_problem(error)], lang)[0]


def install_error_handlers(app: FastAPI) -> None:
    """Make every API error a problem detail."""

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, error: InvalidInput) -> JSONResponse:
        errors = field_errors(error.problems, request_lang(request))
        return problem_response(request, 422, "", errors, code=error.code)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        return error_response(request, 404, error)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, error: Conflict) -> JSONResponse:
        return error_response(request, 409, error)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, error: NotAllowed) -> JSONResponse:
        return error_response(request, 403 if error.signed_in else 401, error)

    _install_busy_handlers(app)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [validation_error(e, request_lang(request)) for e in error.errors()]
        return problem_response(request, 422, "", errors, code="input.request_shape")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return problem_response(request, error.status_code, _http_detail(request, error))


def _http_detail(request: Request, error: StarletteHTTPException) -> str:
    """Return an HTTP error's detail; the standard reason phrase (`Not Found`) becomes the translated title."""
    try:
        phrase = HTTPStatus(error.status_code).phrase
    except ValueError:
        phrase = None
    if str(error.detail) != phrase:
        return str(error.detail)
    pair = TITLES.get(error.status_code, (phrase, phrase))
    return pair[0] if request_lang(request) == "zh" else pair[1]


def _install_busy_handlers(app: FastAPI) -> None:
    """Answer work refused for now (too many jobs or sign-in attempts: 429; a job past its limit: 503) with Retry-After."""

    @app.exception_handler(JobTimedOut)
    async def timed_out(request: Request, error: JobTimedOut) -> JSONResponse:
        return error_response(request, 503, error, headers={"Retry-After": str(error.retry_after)})

    @app.exception_handler(TooManyJobs)
    async def too_many(request: Request, error: TooManyJobs) -> JSONResponse:
        return error_response(request, 429, error, headers={"Retry-After": str(error.retry_after)})

    @app.exception_handler(TooManyAttempts)
    async def too_many_attempts(request: Request, error: TooManyAttempts) -> JSONResponse:
        headers = None if error.retry_after is None else {"Retry-After": str(error.retry_after)}
        return error_response(request, 429, error, headers=headers)
