"""Import interchange files: validate every row of every file, then write all of it or nothing."""

from __future__ import annotations

import gc
import hashlib
import operator
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from chainatlas.domain.chain_node import ChainNode, tree_problems
from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import KIND_BY_NAME, KINDS, Key, KindSpec
from chainatlas.interchange.cells import READERS, CellError
from chainatlas.interchange.columns import COLUMNS, Cell
from chainatlas.interchange.discovery import discover
from chainatlas.interchange.problems import RowProblem, UnreadableFile
from chainatlas.interchange.read import RawRow, SourceFile, read_rows
from chainatlas.services.alert_schedule import wake_after_commit
from chainatlas.services.audit import change_entry, key_text
from chainatlas.services.context import WriteContext
from chainatlas.services.import_columns import column_validator, references_known
from chainatlas.services.map_checks import point_warnings
from chainatlas.services.references import KnownKeys
from chainatlas.services.validation import field_adapter, problems_of
from chainatlas.store.engine import check_foreign_keys_per_batch, foreign_key_violations
from chainatlas.store.history import HistoryRepository
from chainatlas.store.registry import RegistryRepository, chain_node_parents

CHUNK = 2000
COLUMN_WISE = True
"""Plain chunks of the kinds that have one go through the column-wise validator (`import_columns.py`); tests turn
it off to compare with the per-row validator."""
MAX_PROBLEMS = 10_000
SHOWN_VALUE = 80
"""A cell's text is cut to this many characters in a problem (a 5,000-digit number is not worth repeating)."""
Progress = Callable[[str, int], None]
"""Called with a table's label and how many of its rows were just read."""


@dataclass
class KindCounts:
    """What an import did (or would do) to one kind."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """The outcome of an import: files read, counts per kind, and every problem found."""

    dry_run: bool
    files: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    truncated: bool = False
    batch_id: int | None = None
    added_keys: dict[str, list[list[Any]]] = field(default_factory=dict)
    """Each kind's added records' natural keys: what reverting the batch deletes."""
    warnings: list[RowProblem] = field(default_factory=list)
    """What is written but looks wrong (a point outside its stated district): the import goes ahead."""

    @property
    def ok(self) -> bool:
        """Return True when nothing is wrong with the input."""
        return not self.problems

    def add_problem(self, problem: RowProblem) -> None:
        """Record a problem, keeping at most MAX_PROBLEMS of them."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.truncated = True

    def sort_problems(self) -> None:
        """Order the problems by file (in the order read) and row, keeping each row's in column order."""
        files = {label: i for i, label in enumerate(dict.fromkeys(p.file for p in self.problems))}
        self.problems.sort(key=lambda p: (files[p.file], p.row or 0))

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready mapping."""
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "batch_id": self.batch_id,
            "files": self.files,
            "counts": {kind: vars(c) for kind, c in self.counts.items()},
            "problems": [p.as_dict() for p in self.problems],
            "problems_truncated": self.truncated,
            "warnings": [w.as_dict() for w in self.warnings[:MAX_PROBLEMS]],
        }


def file_checksum(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_tables(
    session: Session,
    tables: list[SourceFile],
    ctx: WriteContext,
    *,
    dry_run: bool = False,
    on_rows: Progress | None = None,
) -> ImportReport:
    """Validate every table, write everything when nothing is wrong (and not a dry run), record the batch.

    On any problem the session is rolled back, so the caller cannot commit half an import. The cyclic garbage
    collector pauses meanwhile: an import's millions of keys and records make no cycles, and each of its full
    passes over them would cost more than the import's own work on that chunk.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import_tables(session, tables, ctx, dry_run=dry_run, on_rows=on_rows)
    finally:
        if collecting:
            gc.enable()


def _import_tables(
    session: Session,
    tables: list[SourceFile],
    ctx: WriteContext,
    *,
    dry_run: bool,
    on_rows: Progress | None,
) -> ImportReport:
    check_foreign_keys_per_batch(session)  # every reference is validated below, row by row
    report = ImportReport(dry_run=dry_run)
    checksums = {table.path: file_checksum(table.path) for table in tables}
    known = KnownKeys(session)
    changes: list[dict[str, Any]] = []
    for spec in KINDS:
        mine = [t for t in tables if t.kind == spec.name]
        if mine:
            _KindImport(session, spec, known, report, changes, ctx, dry_run).run(mine, checksums, on_rows)
    if not report.ok or dry_run:
        session.rollback()
        report.sort_problems()
        if not report.ok:  # refused: nothing was added, updated or left unchanged
            report.counts = {kind: KindCounts() for kind in report.counts}
        return report
    if not any(c.added or c.updated for c in report.counts.values()):
        return report  # re-importing what is already there is a no-op, history included
    violations = foreign_key_violations(session, list(report.counts))
    if violations:
        session.rollback()
        raise RuntimeError(f"import validation missed {len(violations)} broken references, e.g. {violations[0]}")
    _record_batch(session, report, changes, ctx)
    return report


def _record_batch(session: Session, report: ImportReport, changes: list[dict[str, Any]], ctx: WriteContext) -> None:
    history = HistoryRepository(session)
    counts = {kind: vars(c) for kind, c in report.counts.items()}
    added = {kind: keys for kind, keys in report.added_keys.items() if keys}
    report.batch_id = history.add_batch(
        at=ctx.at, actor=ctx.actor, via=ctx.via.value, files=report.files, counts=counts, added=added
    )
    for change in changes:
        change["batch_id"] = report.batch_id
    history.add_changes(changes)
    wake_after_commit(session)  # the alert rules run again once the import is committed


def partial_record(spec: KindSpec, data: dict[str, object], bad: set[str]) -> Record:
    """Return a record holding a row's fields that validate one by one (the rest left at None)."""
    values: dict[str, Any] = {}
    for name, info in spec.model.model_fields.items():
        if name in bad or name not in data:
            values[name] = info.get_default(call_default_factory=True) if not info.is_required() else None
            continue
        try:
            values[name] = field_adapter(spec.model, name).validate_python(data[name])
        except ValidationError:
            values[name] = None
    return spec.model.model_construct(**values)


def _interned(key: Key) -> Key:
    """Return a key with its texts interned: a million rows share a few thousand distinct ids."""
    return tuple(sys.intern(v) if isinstance(v, str) else v for v in key)


def _key_getter(spec: KindSpec) -> Callable[[Record], Key]:
    """Return `spec.key_of` as one C call per record (a million records' keys are read)."""
    getter = operator.attrgetter(*spec.key)
    if len(spec.key) > 1:
        return getter  # a tuple already
    return lambda record: (getter(record),)


def _chunks(rows: Iterator[tuple[int, RawRow]], size: int) -> Iterator[list[tuple[int, RawRow]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


class _KindImport:
    """Validate and write the tables of one kind, chunk by chunk, inside the caller's transaction."""

    def __init__(
        self,
        session: Session,
        spec: KindSpec,
        known: KnownKeys,
        report: ImportReport,
        changes: list[dict[str, Any]],
        ctx: WriteContext,
        dry_run: bool,
    ) -> None:
        self.spec, self.known, self.report, self.changes, self.ctx = spec, known, report, changes, ctx
        self.dry_run = dry_run
        self.repo = RegistryRepository(session, spec)
        self.had_records = self.repo.count() > 0
        self.adapter: TypeAdapter[list[Record]] = TypeAdapter(list[spec.model])  # type: ignore[name-defined]  # a type built at run time
        self.readers = [(c.name, None if c.cell is Cell.TEXT else READERS[c.cell]) for c in COLUMNS[spec.name]]
        self.seen: dict[Key, tuple[str, int]] = {}
        self.columns = column_validator(spec) if COLUMN_WISE else None
        self.key_of = _key_getter(spec)
        self.own_references = [name for name, target in spec.references.items() if target == spec.name]
        self.pending: list[tuple[str, int, Record]] = []
        self.counts = report.counts.setdefault(spec.name, KindCounts())
        self.parents: dict[str, str | None] = {}
        self.optional = frozenset(c.name for c in COLUMNS[spec.name] if c.optional)
        self.absent: frozenset[str] = frozenset()
        """The optional columns the table being read lacks: existing records keep those fields."""

    def run(self, tables: list[SourceFile], checksums: dict[Path, str], on_rows: Progress | None) -> None:
        """Read, check and (when all is well so far) write every row of the tables."""
        for table in tables:
            rows_read = 0
            self.absent = frozenset()
            done_before = vars(self.counts).copy()
            try:
                for chunk in _chunks(read_rows(table, self._on_header), CHUNK):
                    self._take(table.label, chunk)
                    rows_read += len(chunk)
                    if on_rows:
                        on_rows(table.label, len(chunk))
            except UnreadableFile as error:
                for problem in error.problems:
                    self.report.add_problem(problem)
            absent = [c.name for c in COLUMNS[self.spec.name] if c.name in self.absent]
            summary = {"file": table.label, "kind": self.spec.name, "rows": rows_read, "sha256": checksums[table.path]}
            summary.update({name: count - done_before[name] for name, count in vars(self.counts).items()})
            self.report.files.append({**summary, "absent_columns": absent})
        self._finish()

    def _on_header(self, present: frozenset[str]) -> None:
        self.absent = self.optional - present

    def _problem(self, label: str, row: int, problem: Problem) -> None:
        value = (
            problem.value
            if problem.value is None or len(problem.value) <= SHOWN_VALUE
            else problem.value[:SHOWN_VALUE] + "…"
        )
        self.report.add_problem(
            RowProblem(label, row, problem.field, value, problem.message, problem.code, dict(problem.params))
        )

    def _inputs(self, label: str, chunk: list[tuple[int, RawRow]]) -> tuple[list[dict[str, object]], list[set[str]]]:
        """Return each row's values read from their text, and the columns whose text could not be read."""
        inputs: list[dict[str, object]] = []
        unreadable: list[set[str]] = []
        for number, raw in chunk:
            data: dict[str, object] = dict(raw)
            failed: set[str] = set()
            for name, reader in self.readers:
                text = raw.get(name)
                if reader is None or text is None:
                    continue
                try:
                    data[name] = reader(text)
                except CellError as error:
                    self._problem(label, number, Problem.coded(name, error.code, value=text, **error.params))
                    failed.add(name)
            inputs.append(data)
            unreadable.append(failed)
        return inputs, unreadable

    def _validate(self, label: str, chunk: list[tuple[int, RawRow]]) -> list[tuple[int, Record]]:
        if self.columns is not None and (plain := self.columns.records(chunk)) is not None:
            return plain  # every cell plain: validated column by column, the same records
        inputs, unreadable = self._inputs(label, chunk)
        if not any(unreadable):
            try:
                records = self.adapter.validate_python(inputs)
                return [(number, record) for (number, _), record in zip(chunk, records, strict=True)]
            except ValidationError:
                pass
        return self._validate_each(label, chunk, inputs, unreadable)

    def _validate_each(
        self, label: str, chunk: list[tuple[int, RawRow]], inputs: list[dict[str, object]], unreadable: list[set[str]]
    ) -> list[tuple[int, Record]]:
        valid: list[tuple[int, Record]] = []
        for (number, raw), data, failed in zip(chunk, inputs, unreadable, strict=True):
            try:
                record = self.spec.model.model_validate(data)
            except ValidationError as error:
                problems = [p for p in problems_of(error, raw) if p.field not in failed]  # unreadable: reported
                partial = partial_record(self.spec, data, failed | {p.field for p in problems})
                for problem in problems + self._other_problems(partial, failed | {p.field for p in problems}):
                    self._problem(label, number, problem)
                self._defer_self_references(label, number, partial)
                self._remember_key_of_invalid(raw)
                continue
            if failed:
                self._remember_key_of_invalid(raw)
            else:
                valid.append((number, record))
        return valid

    def _other_problems(self, partial: Record, bad: set[str]) -> list[Problem]:
        """Return the rule and reference problems of a row's valid fields, so one bad cell hides nothing else."""
        problems = [p for p in self._safe_rules(partial) if p.field not in bad]
        problems += [p for p in self.known.reference_problems(self.spec, partial, skip_self=True) if p.field not in bad]
        return problems

    def _safe_rules(self, record: Record) -> list[Problem]:
        try:
            return self.spec.rules(record)
        except (AttributeError, TypeError):  # a rule needing a field that failed validation
            return []

    def _remember_key_of_invalid(self, raw: RawRow) -> None:
        """Let references to a rejected row pass: the row's own problems are already reported."""
        if len(self.spec.key) == 1 and self.spec.key[0] in raw:
            self.known.add(self.spec.name, raw[self.spec.key[0]])

    def _take(self, label: str, chunk: list[tuple[int, RawRow]]) -> None:
        fresh: list[tuple[Key, Record]] = []
        key_of = self.key_of
        keyed = [(number, _interned(key_of(record)), record) for number, record in self._validate(label, chunk)]
        existing = self.repo.get_many([key for _, key, _ in keyed]) if self.had_records else {}
        kept = [(number, key, self._kept(read, existing.get(key))) for number, key, read in keyed]
        # one set test per referring column instead of one look-up per cell, when no reference is unknown
        vouched = references_known(self.spec, [record for _, _, record in kept], self.known.of)
        for number, key, record in kept:
            problems = self.spec.rules(record)
            if not vouched:
                problems += self.known.reference_problems(self.spec, record, skip_self=True)
            problems += self.known.context_problems(self.spec, record)
            problems += self._duplicate_problems(label, number, key)
            self._defer_self_references(label, number, record)
            for problem in problems:
                self._problem(label, number, problem)
            if not problems:
                self._warn(label, number, record)
                fresh.append((key, record))
                if len(key) == 1:
                    self.known.remember(self.spec.name, str(key[0]), record)
        self._apply(fresh, existing)

    def _warn(self, label: str, number: int, record: Record) -> None:
        for problem in point_warnings(record):  # the map's check of a stated point (issue 17)
            params = dict(problem.params)
            self.report.warnings.append(
                RowProblem(label, number, problem.field, problem.value, problem.message, problem.code, params)
            )

    def _kept(self, record: Record, before: Record | None) -> Record:
        """Return a row's record with the fields of absent optional columns (and empty derived ones) as they are
        in the registry."""
        record = self.spec.with_derived_kept(record, before)
        if before is None or not self.absent:
            return record
        return record.model_copy(update={name: getattr(before, name) for name in self.absent})

    def _defer_self_references(self, label: str, number: int, record: Record) -> None:
        """Remember records referring to their own kind: the target may come later in the import."""
        for field_name in self.own_references:
            if getattr(record, field_name) is not None:
                self.pending.append((label, number, record))
        if isinstance(record, ChainNode) and (record.code,) in self.seen:
            self.parents[record.code] = record.parent_code

    def _duplicate_problems(self, label: str, number: int, key: Key) -> list[Problem]:
        first = self.seen.get(key)
        if first is not None:
            file = "" if first[0] == label else f"{first[0]} "
            code, value = "import.duplicate_key", str(key[-1])
            return [Problem.coded(self.spec.key[-1], code, value=value, key=key_text(key), file=file, row=first[1])]
        self.seen[key] = (label, number)
        if len(key) == 1:
            self.known.add(self.spec.name, key[0])
        return []

    def _apply(self, keyed: list[tuple[Key, Record]], existing: dict[Key, Record]) -> None:
        added = [record for key, record in keyed if key not in existing]
        if not self.dry_run:
            self.report.added_keys.setdefault(self.spec.name, []).extend(
                list(key) for key, _ in keyed if key not in existing
            )
        changed = [(existing[key], record) for key, record in keyed if key in existing and existing[key] != record]
        self.counts.added += len(added)
        self.counts.updated += len(changed)
        self.counts.unchanged += len(keyed) - len(added) - len(changed)
        for before, record in changed:
            self.changes.append(change_entry(self.ctx, self.spec, "update", before, record))
        if self.report.ok and not self.dry_run:
            self.repo.insert_many(added)
            self.repo.update_many([record for _, record in changed])

    def _finish(self) -> None:
        own = {name for name, target in self.spec.references.items() if target == self.spec.name}
        for label, number, record in self.pending:
            for problem in self.known.reference_problems(self.spec, record):
                if problem.field in own:
                    self._problem(label, number, problem)
        if self.spec.name == "chain_nodes" and self.parents:
            self._check_tree()

    def _check_tree(self) -> None:
        parents = {**chain_node_parents(self.repo.session), **self.parents}
        loops = tree_problems(parents, self.parents)
        for code, problem in loops.items():
            label, number = self.seen[(code,)]
            self._problem(label, number, problem)


def run_import(
    session: Session,
    paths: list[Path],
    ctx: WriteContext,
    *,
    kind: str | None = None,
    dry_run: bool = False,
    on_rows: Progress | None = None,
) -> ImportReport:
    """Find the tables in files and folders and import them; unusable files are problems like any other."""
    if kind is not None and kind not in KIND_BY_NAME:
        problem = RowProblem.coded(
            "(request)", "import.unknown_kind", column="kind", value=kind, kinds=", ".join(KIND_BY_NAME)
        )
        return ImportReport(dry_run=dry_run, problems=[problem])
    tables, problems = discover(paths, kind)
    if problems:
        return ImportReport(dry_run=dry_run, problems=problems)
    return import_tables(session, tables, ctx, dry_run=dry_run, on_rows=on_rows)
