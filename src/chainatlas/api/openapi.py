"""The OpenAPI document: every API operation lists the problem+json answers it can give (one place for all routes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.errors import PROBLEM_JSON, TITLES

API_PREFIX = "/api/"
WRITE_METHODS = ("post", "put", "patch", "delete")
EVERY_OPERATION = (401, 403, 404, 422, 429, 503)
WITH_A_BODY = (400, 413)
FASTAPI_DEFAULT = "Validation Error"
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "string"}}}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "`Bearer`: send an API token", "schema": {"type": "string"}}},
    429: RETRY_AFTER,
    503: RETRY_AFTER,
}
WHY = {
    400: "The body cannot be read (not the declared encoding or media type).",
    401: "Not signed in, or the bearer token is not valid.",
    403: "Signed in, but this role may not do this.",
    404: "No such record (or it is not visible to this user).",
    409: "The write conflicts with what is stored (a duplicate key, a record still referred to).",
    413: "The upload is too large.",
    422: "The input breaks the API's rules; `errors` lists every field with its problem.",
    429: "Wait `Retry-After` seconds before trying again.",
    503: "The work did not finish in time or the service is busy; try again after `Retry-After` seconds.",
}


class FieldProblem(BaseModel):
    """One field in error: its name, what is wrong (in the answer's language), the value sent, and the message
    code with its parameters (the same in every language)."""

    field: str
    message: str
    value: str | None = None
    code: str = ""
    params: dict[str, str | int | float | None] = Field(default_factory=dict)


class ProblemDetail(BaseModel):
    """An RFC 9457 problem detail; other members may follow (an import report adds its rows)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int = Field(ge=400, le=599)
    detail: str | None = Field(
        default=None, description="what went wrong, in the language `Accept-Language` asks for (zh-CN by default, en)"
    )
    instance: str | None = None
    code: str | None = Field(default=None, description="the message code of `detail`, the same in every language")
    params: dict[str, str | int | float | None] | None = Field(default=None, description="the values `detail` names")
    errors: list[FieldProblem] | None = None


def problem_answers(operation: dict[str, Any], method: str) -> list[int]:
    """Return the problem statuses an operation can answer with."""
    statuses = list(EVERY_OPERATION)
    if "requestBody" in operation:
        statuses += WITH_A_BODY
    if method in WRITE_METHODS:
        statuses.append(409)
    return sorted(statuses)


def problem_response(status: int, declared: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the OpenAPI response object of one problem status (keeping a route's own description of it)."""
    description = (declared or {}).get("description")
    if not description or description == FASTAPI_DEFAULT:
        description = f"{TITLES[status][1] if status in TITLES else 'Error'}. {WHY[status]}"
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}},
    }
    if status in HEADERS:
        response["headers"] = HEADERS[status]
    return response


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the problem+json answers to every API operation and drop FastAPI's default validation-error shapes."""
    for path, item in schema.get("paths", {}).items():
        if not path.startswith(API_PREFIX):
            continue
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in problem_answers(operation, method):
                responses[str(status)] = problem_response(status, responses.get(str(status)))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    problem = ProblemDetail.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["ProblemDetail"] = problem
    return schema


def install_problem_docs(app: FastAPI) -> None:
    """Make the app's OpenAPI document list the problem answers of every operation."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
