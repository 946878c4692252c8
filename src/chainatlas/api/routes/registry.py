"""List, detail, create, update and delete for every registry kind, one set of routes per kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Request, Response, status
from pydantic import BaseModel, Field, create_model

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.api.lang import request_lang
from chainatlas.domain.access import REGISTRY, Action
from chainatlas.domain.common import MAX_DB_INT, Record
from chainatlas.domain.kinds import KINDS, Key, KindSpec
from chainatlas.domain.messages import message_text
from chainatlas.services.access import require
from chainatlas.services.audit import key_text
from chainatlas.services.browse import MAX_LIMIT, SPECIAL_FILTERS, list_records, read_record
from chainatlas.services.context import Via
from chainatlas.services.errors import NotFound
from chainatlas.services.paging import encode_cursor
from chainatlas.services.records import create_record, delete_record, update_record

router = APIRouter()
PAGING = ("offset", "limit", "sort", "after")
COUNT_CAP = 1_000
"""A listing's first page counts its matches up to this many; beyond, `total_capped` says "more than" (counting
half a million matches would cost seconds at national scale)."""


def record_json(record: Record) -> dict[str, Any]:
    """Return a record as API JSON (money and decimals as exact strings)."""
    return record.model_dump(mode="json")


def parse_key(spec: KindSpec, text: str) -> Key:
    """Split a key path (`a/b/c`; only the last part may contain `/`) into the kind's key."""
    parts = tuple(text.split("/", len(spec.key) - 1))
    if len(parts) != len(spec.key) or not all(parts):
        parts_of: dict[str, str | int | float | None] = {
            "kind": spec.name,
            "parts": len(spec.key),
            "names": "/".join(spec.key),
            "given": text,
        }
        raise NotFound(code="record.key_parts", params=parts_of)
    return tuple(_key_part(spec, name, part) for name, part in zip(spec.key, parts, strict=True))


def _key_part(spec: KindSpec, name: str, text: str) -> Any:
    """Return one part of a key as its field's type (a year in a key is a number, not text)."""
    if spec.model.model_fields[name].annotation is not int:
        return text
    try:
        number = int(text)
    except ValueError as error:
        params = {"kind": spec.name, "given": text, "name": name}
        raise NotFound(code="record.key_not_number", params=params) from error
    if abs(number) > MAX_DB_INT:
        raise NotFound(code="record.key_out_of_range", params={"kind": spec.name, "given": text, "name": name})
    return number


def _who_reads(spec: KindSpec) -> str:
    """Return the OpenAPI description of who may read a kind (confidential kinds: analysts and admins)."""
    if spec.read_resource == REGISTRY:
        return "Signed-in users (401 anonymous)."
    return (
        f"Confidential ({spec.read_resource}): analysts and admins only; 401 anonymous, 403 for other signed-in users."
    )


def _search_help(spec: KindSpec) -> str:
    """Return the OpenAPI description of a kind's `q`."""
    if spec.name != "enterprises":
        return "free-text search (part of the Chinese name)"
    return (
        "name search: a full legal name (三一重工股份有限公司), a short name or part of either, Chinese or English "
        "in any case, or part of the id, credit code or stock code; exact and prefix matches first unless `sort`"
    )


def _filter_help(spec: KindSpec, name: str) -> str:
    """Return the OpenAPI description of a list filter."""
    if name == "q":
        return _search_help(spec)
    if name == "cluster":
        return "the cluster (id) whose membership `in_cluster` means, in the filter and in each record; default the default cluster"
    return f"only records whose {name} equals this"


def _filter_params(spec: KindSpec) -> list[dict[str, Any]]:
    names = [*SPECIAL_FILTERS.get(spec.name, ()), *spec.model.model_fields]
    described = [
        {
            "name": n,
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": _filter_help(spec, n),
        }
        for n in names
    ]
    paging = [
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string"},
            "description": "field[,−field…]; `-` sorts descending",
        },
        {
            "name": "offset",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_DB_INT, "default": 0},
        },
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50},
        },
        {
            "name": "after",
            "in": "query",
            "schema": {"type": "string"},
            "description": "the `next` cursor of the previous page: the fast way through a long list (not with "
            "`sort`); a page after a cursor is not counted (`total` is null)",
        },
    ]
    return described + paging


def _int_param(request: Request, name: str, default: int) -> int:
    from chainatlas.domain.common import Problem
    from chainatlas.services.errors import InvalidInput

    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        return int(text)
    except ValueError as error:
        raise InvalidInput([Problem.coded(name, "field.whole_number", value=text)]) from error


def _add_list(spec: KindSpec, page_model: type[BaseModel]) -> None:
    def list_kind(request: Request, uow: UoW, user: CurrentUser) -> dict[str, Any]:
        filters = {k: v for k, v in request.query_params.items() if k not in PAGING}
        offset, limit = _int_param(request, "offset", 0), _int_param(request, "limit", 50)
        page = list_records(
            uow.session,
            user,
            kind=spec.name,
            filters=filters,
            sort=request.query_params.get("sort"),
            offset=offset,
            limit=limit,
            after=request.query_params.get("after"),
            count_cap=COUNT_CAP,
        )
        items = [record_json(r) for r in page.items]
        after = encode_cursor(page.next_after)
        return {
            "items": items,
            "total": page.total if page.counted else None,
            "total_capped": page.capped,
            "total_note": total_note(page, request),
            "offset": offset,
            "limit": limit,
            "next": after,
        }

    router.add_api_route(
        f"/{spec.name}",
        list_kind,
        methods=["GET"],
        response_model=page_model,
        tags=[spec.name],
        summary=f"List {spec.name} ({spec.label_zh})",
        description=_who_reads(spec),
        openapi_extra={"parameters": _filter_params(spec)},
    )


def total_note(page: Any, request: Request) -> dict[str, str] | None:
    """Return what a listing page's `total` is when it is not an exact count (coded, in the reader's language)."""
    if page.counted and not page.capped:
        return None
    code, params = ("paging.total_capped", {"n": f"{page.total:,}"}) if page.counted else ("paging.not_counted", {})
    return {"code": code, "message": message_text(code, params, request_lang(request))}


def _detail_routes(spec: KindSpec) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """Return the read, change and delete handlers of one record of a kind."""

    def get_kind(key: str, uow: UoW, user: CurrentUser) -> dict[str, Any]:
        return record_json(read_record(uow.session, user, kind=spec.name, key=parse_key(spec, key)))

    def update_kind(
        key: str, body: Annotated[dict[str, Any], Body(description="the fields to change")], uow: UoW, user: Writer
    ) -> dict[str, Any]:
        require(user, Action.WRITE)
        record = update_record(
            uow.session, write_context(user, Via.API), kind=spec.name, key=parse_key(spec, key), changes=body
        )
        uow.commit()
        return record_json(record)

    def delete_kind(key: str, uow: UoW, user: Writer) -> Response:
        require(user, Action.WRITE)
        delete_record(uow.session, write_context(user, Via.API), kind=spec.name, key=parse_key(spec, key))
        uow.commit()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return get_kind, update_kind, delete_kind


def _add_detail(spec: KindSpec) -> None:
    path = f"/{spec.name}/{{key:path}}" if len(spec.key) > 1 else f"/{spec.name}/{{key}}"
    get_kind, update_kind, delete_kind = _detail_routes(spec)
    tags: list[str | Any] = [spec.name]
    router.add_api_route(
        path,
        get_kind,
        methods=["GET"],
        response_model=spec.model,
        tags=tags,
        summary=f"One {spec.name} record by {'/'.join(spec.key)}",
        description=_who_reads(spec),
    )
    router.add_api_route(
        path,
        update_kind,
        methods=["PATCH"],
        response_model=spec.model,
        tags=tags,
        summary=f"Change fields of a {spec.name} record",
    )
    router.add_api_route(
        path, delete_kind, methods=["DELETE"], status_code=204, tags=tags, summary=f"Delete a {spec.name} record"
    )


def _add_create(spec: KindSpec) -> None:
    def create_kind(
        body: Annotated[dict[str, Any], Body(description="the new record's fields")],
        uow: UoW,
        user: Writer,
        response: Response,
    ) -> dict[str, Any]:
        require(user, Action.WRITE)
        record = create_record(uow.session, write_context(user, Via.API), kind=spec.name, data=body)
        uow.commit()
        response.headers["Location"] = quote(f"/api/v1/{spec.name}/{key_text(spec.key_of(record))}")
        return record_json(record)

    # The body arrives as a JSON object and the service checks it whole, so one answer lists every field's
    # problem and every broken rule (a typed body would stop at the field errors); the docs still show the
    # record's schema, the response model's.
    schema = {"$ref": f"#/components/schemas/{spec.model.__name__}"}
    router.add_api_route(
        f"/{spec.name}",
        create_kind,
        methods=["POST"],
        status_code=201,
        response_model=spec.model,
        tags=[spec.name],
        summary=f"Create a {spec.name} record",
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}},
    )


class TotalNote(BaseModel):
    """What a listing's `total` is when it is not an exact count."""

    code: str
    message: str


def page_model(spec: KindSpec) -> type[BaseModel]:
    """Return the response model of a kind's listing."""
    items: Any = list.__class_getitem__(spec.model)
    return create_model(
        f"{spec.model.__name__}Page",
        items=(items, ...),
        total=(
            int | None,
            Field(
                description=f"matching records, counted up to {COUNT_CAP:,} (see `total_capped`); null on a page after "
                "a cursor (not counted)"
            ),
        ),
        total_capped=(
            bool,
            Field(False, description="true when more than `total` match: counting stopped at the cap"),
        ),
        total_note=(
            TotalNote | None,
            Field(None, description="why `total` is not an exact count (capped, or not counted), coded; else null"),
        ),
        offset=(int, ...),
        limit=(int, ...),
        next=(str | None, Field(None, description="cursor of the next page (`after=`); null on the last page")),
    )


for _spec in KINDS:
    _add_list(_spec, page_model(_spec))
    _add_create(_spec)
    _add_detail(_spec)
