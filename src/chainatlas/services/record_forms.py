"""Edit registry records through a form: the form's fields derived from the kind's field metadata, the posted
text read as an import cell is read, and the write made by the same service calls and rules as an import.

A field's label (zh/en) is its `Header`'s page label, required exactly when the field has no default (an
import column is optional exactly then), its choices the enum's values; a posted cell is read by the
import's cell readers, so a form accepts what a file accepts (是/否, 大型, 1,000).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.common import MAX_DB_INT, Problem, Record
from chainatlas.domain.fields import page_label
from chainatlas.domain.kinds import KINDS, Key, KindSpec
from chainatlas.domain.messages_registry import kind_code
from chainatlas.domain.user import User
from chainatlas.interchange.cells import READERS, CellError
from chainatlas.interchange.columns import COLUMNS, ENUM_CELLS, Cell, Column
from chainatlas.services.access import require
from chainatlas.services.audit import key_text
from chainatlas.services.browse import change_history, read_record
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.records import (
    checked_record,
    create_record,
    delete_record,
    get_record,
    references_to,
    spec_of,
    update_record,
)
from chainatlas.services.user_admin import enterprise_by_name
from chainatlas.store.history import Change

FORM_KINDS: tuple[str, ...] = tuple(
    spec.name for spec in KINDS if spec.read_resource == REGISTRY and not spec.name.startswith("fair")
)
"""The kinds edited through the record forms: the registry's (the fair and resilience kinds have pages of their own)."""
ENUM_OF_CELL: dict[Cell, type[Enum]] = {cell: enum for enum, cell in ENUM_CELLS.items()}
WIDGET_OF_CELL = {Cell.BOOL: "checkbox", Cell.DATE: "date", Cell.INT: "number", Cell.DECIMAL: "number"}
WIDGET_OF_CELL |= {Cell.FLOAT: "number", Cell.LIST: "list"}
PICKERS = {"enterprises": "enterprise", "chain_nodes": "node"}
"""A reference to these kinds gets a picker: enterprises searched by name, chain nodes from a select."""


@dataclass(frozen=True)
class FormField:
    """One field of a kind's form."""

    name: str
    label_zh: str
    label_en: str
    required: bool
    widget: str
    """text, number, date, checkbox, list, select (an enum), enterprise (a picker by name) or node (a select)."""
    key: bool
    """Part of the record's natural key: fixed once the record exists."""
    choices: tuple[str, ...] = ()
    choice_set: str = ""
    """The enum's cell kind (segment, size, project_kind …): its values' labels are `choice.<set>.<value>`."""
    reference: str | None = None
    """The kind whose key the field names, if any."""

    def label(self, lang: str) -> str:
        """Return the field's label in a language."""
        return self.label_zh if lang == "zh" else self.label_en


def form_kind(kind: str) -> KindSpec:
    """Return the spec of a kind edited through forms, or raise NotFound."""
    if kind not in FORM_KINDS:
        raise NotFound(f"no record form for {kind!r}", code="record.no_form", params={"kind": kind})
    return spec_of(kind)


def parse_key(kind: str, text: str) -> Key:
    """Return the key a record page's address names (`a/b/c`; only the last part may hold `/`), or NotFound."""
    spec = form_kind(kind)
    parts = tuple(text.split("/", len(spec.key) - 1))
    if len(parts) != len(spec.key) or not all(parts):
        raise NotFound(code=kind_code("record.not_found", kind), params={"kind": kind, "key": text})
    return tuple(_key_part(spec, name, part, text) for name, part in zip(spec.key, parts, strict=True))


def _key_part(spec: KindSpec, name: str, part: str, text: str) -> Any:
    if spec.model.model_fields[name].annotation is not int:
        return part
    if not part.isdigit() or len(part) > len(str(MAX_DB_INT)):
        raise NotFound(code=kind_code("record.not_found", spec.name), params={"kind": spec.name, "key": text})
    return int(part)


def form_fields(kind: str) -> list[FormField]:
    """Return a kind's form fields in its columns' order."""
    spec = form_kind(kind)
    return [_form_field(spec, column) for column in COLUMNS[spec.name]]


def _form_field(spec: KindSpec, column: Column) -> FormField:
    label_zh, label_en = page_label(spec.model, column.name)
    reference = spec.references.get(column.name)
    enum = ENUM_OF_CELL.get(column.cell)
    widget = WIDGET_OF_CELL.get(column.cell, "select" if enum else "text")
    if reference in PICKERS and column.cell is not Cell.LIST:
        widget = PICKERS[reference]
    return FormField(
        name=column.name,
        label_zh=label_zh,
        label_en=label_en,
        required=not column.optional,
        widget=widget,
        key=column.name in spec.key,
        choices=tuple(member.value for member in enum) if enum else (),
        choice_set=column.cell.value if enum else "",
        reference=reference,
    )


def form_texts(record: Record) -> dict[str, str]:
    """Return a record's fields as the texts its form shows (lists joined by `;`, enums by value)."""
    texts = {}
    for name, value in record.model_dump(mode="json").items():
        if isinstance(value, list):
            texts[name] = ";".join(map(str, value))
        elif isinstance(value, bool):
            texts[name] = "true" if value else ""
        else:
            texts[name] = "" if value is None else str(value)
    return texts


def read_form(kind: str, texts: Mapping[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """Return the values a form's texts give (an empty optional field its default) and the problems of the cells
    that cannot be read or are required and empty."""
    spec = form_kind(kind)
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    for column in COLUMNS[spec.name]:
        text = str(texts.get(column.name, "")).strip()
        if column.cell is Cell.BOOL:
            data[column.name] = text in ("true", "on", "1", "是")
        elif not text and column.optional:
            data[column.name] = spec.model.model_fields[column.name].get_default(call_default_factory=True)
        elif not text:  # said here: an update would otherwise keep the value the field had
            problems.append(Problem.coded(column.name, "field.required"))
        elif column.cell is Cell.TEXT:
            data[column.name] = text
        else:
            try:
                data[column.name] = READERS[column.cell](text)
            except CellError as error:
                problems.append(cell_problem(column.name, error, text))
    return data, problems


def cell_problem(field: str, error: CellError, value: str) -> Problem:
    """Return the problem of a cell its reader refused, with the reader's message code."""
    return Problem(field=field, message=str(error), value=value, code=error.code, params=dict(error.params))


def save_form(
    session: Session, ctx: WriteContext, user: User | None, *, kind: str, key: Key | None, texts: Mapping[str, str]
) -> Record:
    """Create (key None) or update a record from a form; raise InvalidInput with every problem at once."""
    require(user, Action.WRITE)
    spec = form_kind(kind)
    data, problems = read_form(kind, texts)
    problems += _enterprises_by_name(session, spec, data)
    if key is not None:
        data.update(zip(spec.key, key, strict=True))  # the key is fixed: the page shows it read-only
    if problems:
        raise InvalidInput(problems + _other_problems(session, spec, key, data, {p.field for p in problems}))
    if key is None:
        return create_record(session, ctx, kind=spec, data=data)
    return update_record(session, ctx, kind=spec, key=key, changes=data)


def _enterprises_by_name(session: Session, spec: KindSpec, data: dict[str, Any]) -> list[Problem]:
    """Replace an enterprise named by its name (not its id) with its id where one enterprise has that name; return
    the problem of a name that several enterprises share (an unknown one is left to the reference check)."""
    problems = []
    for name, target in spec.references.items():
        text = data.get(name)
        if target != "enterprises" or not isinstance(text, str):
            continue
        try:
            data[name] = enterprise_by_name(session, text, name)
        except InvalidInput as error:
            problems += [p for p in error.problems if p.code == "users.enterprise_ambiguous"]
    return problems


def _other_problems(
    session: Session, spec: KindSpec, key: Key | None, data: dict[str, Any], unreadable: set[str]
) -> list[Problem]:
    """Return the problems of the fields that could be read, checked as a write would check them."""
    base = {} if key is None else get_record(session, kind=spec, key=key).model_dump()
    readable = {name: value for name, value in data.items() if name not in unreadable}
    try:
        checked_record(session, kind=spec, data={**base, **readable})
    except InvalidInput as error:
        return [p for p in error.problems if p.field not in unreadable]
    return []


@dataclass(frozen=True)
class Reference:
    """Records of one kind that name a record in one of their fields."""

    kind: str
    field: str
    count: int
    field_zh: str
    field_en: str

    def field_label(self, lang: str) -> str:
        """Return the referring field's label in a language."""
        return self.field_zh if lang == "zh" else self.field_en


def references(session: Session, user: User | None, *, kind: str, key: Key) -> list[Reference]:
    """Return what refers to a record, per kind and field (a deletion is refused while there is any)."""
    require(user, Action.WRITE)
    found = references_to(session, kind=form_kind(kind).name, key=key)
    return [_reference(name, count) for name, count in found.items()]


OUTSIDE_LABELS = {
    "users.enterprise_id": ("所属企业", "Enterprise"),
    "enterprise_products.enterprise_id": ("企业", "Enterprise"),
    "node_relations.from_code": ("起点环节", "From node"),
    "node_relations.to_code": ("终点环节", "To node"),
}
"""Labels of the referring fields of records that are not registry kinds (user accounts, relations)."""


def _reference(name: str, count: int) -> Reference:
    kind, field = name.split(".", 1)
    labels = OUTSIDE_LABELS.get(name) or page_label(spec_of(kind).model, field)
    return Reference(kind, field, count, *labels)


def remove_record(session: Session, ctx: WriteContext, user: User | None, *, kind: str, key: Key) -> None:
    """Delete a record nothing refers to (Conflict naming the records that do)."""
    require(user, Action.WRITE)
    delete_record(session, ctx, kind=form_kind(kind).name, key=key)


def shown_record(session: Session, user: User | None, *, kind: str, key: Key) -> Record:
    """Return a record for its page, as the user may see it."""
    return read_record(session, user, kind=form_kind(kind).name, key=key)


def record_history(session: Session, user: User | None, *, kind: str, key: Key, limit: int = 50) -> list[Change]:
    """Return a record's changes, newest first; empty for a user who may not read the history."""
    if not allowed(user, Action.READ_HISTORY, REGISTRY):
        return []
    return change_history(session, user, kind=kind, record_key=key_text(key), limit=limit)


@dataclass(frozen=True)
class FieldChange:
    """One field of a recorded change: its value before and after (None where the record did not exist)."""

    name: str
    before: Any
    after: Any


def field_changes(change: Change) -> list[FieldChange]:
    """Return the fields a recorded change changed (every field of a creation or a deletion that has a value)."""
    before, after = change.before or {}, change.after or {}
    names = list(dict.fromkeys([*before, *after]))
    return [FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)]
