"""Read a B2B meeting scheduling instance from a MiniZinc data file (`.dzn`, Bofill et al. 2022).

Only the data subset those files use: `name = value;` with integers, 1-D arrays of integers or of
sets, 2-D arrays `[| a, b, c | … |]`, sets `{…}`, and `%` comments. Every error names the file, the
line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chainatlas.analytics.b2b.problem import B2BProblem, Meeting, Session

FIELDS = (
    "nBusiness",
    "nMeetings",
    "nTables",
    "nTotalSlots",
    "nMorningSlots",
    "requested",
    "meetingsxBusiness",
    "nMeetingsBusiness",
    "forbidden",
    "fixed",
    "precedences",
)
_TOKEN = re.compile(r"\s*(?:(-?\d+)|([A-Za-z_]\w*)|(\[\||\|\]|[\[\]{}|,=;]))")


class DznError(ValueError):
    """The file is not a valid instance; the message names the line and the field."""

    def __init__(self, source: str, line: int | None, field: str | None, message: str) -> None:
        where = source if line is None else f"{source} line {line}"
        super().__init__(f"{where}{f', field `{field}`' if field else ''}: {message}")
        self.line, self.field = line, field


@dataclass(frozen=True)
class _Value:
    value: Any
    line: int


class _Tokens:
    """The tokens of a file, each with its line number."""

    def __init__(self, text: str, source: str) -> None:
        self.source, self.items, self.pos = source, _tokenize(text, source), 0

    def peek(self) -> tuple[str, int]:
        return self.items[self.pos] if self.pos < len(self.items) else ("", self.items[-1][1] if self.items else 1)

    def take(self, field: str | None, *expected: str) -> tuple[str, int]:
        symbol, line = self.peek()
        if expected and symbol not in expected:
            shown = repr(symbol) if symbol else "the end of the file"
            raise DznError(self.source, line, field, f"expected {' or '.join(map(repr, expected))}, found {shown}")
        if not symbol:
            raise DznError(self.source, line, field, "unexpected end of the file")
        self.pos += 1
        return symbol, line


def _tokenize(text: str, source: str) -> list[tuple[str, int]]:
    tokens = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0]
        pos = 0
        while line[pos:].strip():
            match = _TOKEN.match(line, pos)
            if match is None:
                raise DznError(source, number, None, f"cannot read {line[pos:].strip()[:20]!r}")
            tokens.append((match.group(match.lastindex or 0), number))
            pos = match.end()
    return tokens


def read_dzn(path: Path) -> B2BProblem:
    """Read an instance file; raise DznError naming the line and field of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DznError(path.name, None, None, f"not UTF-8 text ({error.reason})") from error
    return parse_dzn(text, source=path.name)


def parse_dzn(text: str, *, source: str = "<dzn>") -> B2BProblem:
    """Parse the text of an instance into a problem."""
    values = _statements(_Tokens(text, source))
    return _problem(values, source)


def _statements(tokens: _Tokens) -> dict[str, _Value]:
    values: dict[str, _Value] = {}
    while tokens.peek()[0]:
        name, line = tokens.take(None)
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise DznError(tokens.source, line, None, f"expected a field name, found {name!r}")
        if name in values:
            raise DznError(tokens.source, line, name, f"defined twice (first on line {values[name].line})")
        tokens.take(name, "=")
        values[name] = _Value(_value(tokens, name), line)
        tokens.take(name, ";")
    return values


def _value(tokens: _Tokens, field: str) -> Any:
    symbol, line = tokens.take(field)
    if re.fullmatch(r"-?\d+", symbol):
        return int(symbol)
    if symbol == "{":
        return frozenset(_items(tokens, field, "}", _int))
    if symbol == "[":
        return _items(tokens, field, "]", _value)
    if symbol == "[|":
        return _rows(tokens, field)
    raise DznError(tokens.source, line, field, f"unexpected {symbol!r}")


def _int(tokens: _Tokens, field: str) -> int:
    symbol, line = tokens.take(field)
    if not re.fullmatch(r"-?\d+", symbol):
        raise DznError(tokens.source, line, field, f"expected an integer, found {symbol!r}")
    return int(symbol)


class _Array(list[Any]):
    """An array that remembers the line each of its entries starts on."""

    lines: list[int]


def _items(tokens: _Tokens, field: str, close: str, read: Any) -> _Array:
    items, items.lines = _Array(), []
    while tokens.peek()[0] != close:
        items.lines.append(tokens.peek()[1])
        items.append(read(tokens, field))
        if tokens.peek()[0] != close:
            tokens.take(field, ",", close)
    tokens.take(field, close)
    return items


def _rows(tokens: _Tokens, field: str) -> _Array:
    rows, rows.lines = _Array([[]]), [tokens.peek()[1]]
    while True:
        symbol, line = tokens.peek()
        if symbol == "|]":
            tokens.take(field)
            kept = _Array(row for row in rows if row)
            kept.lines = [at for row, at in zip(rows, rows.lines, strict=True) if row]
            return kept
        if symbol == "|":
            tokens.take(field)
            rows.append([])
            rows.lines.append(tokens.peek()[1])
        elif symbol == ",":
            tokens.take(field)
        else:
            rows[-1].append(_int(tokens, field))


def _problem(values: dict[str, _Value], source: str) -> B2BProblem:
    reader = _FieldReader(values, source)
    n_people, n_meetings = reader.positive("nBusiness"), reader.count("nMeetings")
    n_slots = reader.positive("nTotalSlots")
    meetings = reader.requested(n_people, n_meetings)
    problem = B2BProblem(
        n_participants=n_people,
        n_tables=reader.positive("nTables"),
        n_slots=n_slots,
        n_morning_slots=reader.bounded("nMorningSlots", 0, n_slots),
        meetings=meetings,
        forbidden=reader.slot_sets("forbidden", n_people, n_slots),
        fixed=reader.fixed(n_meetings, n_slots),
        precedences=reader.precedences(n_meetings),
    )
    reader.redundant(problem)
    return problem


class _FieldReader:
    """Checks each field's shape and range, naming the field and its line."""

    def __init__(self, values: dict[str, _Value], source: str) -> None:
        self.values, self.source = values, source
        missing = [name for name in FIELDS if name not in values]
        if missing:
            raise DznError(
                source,
                None,
                missing[0],
                f"missing (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else "missing",
            )

    def fail(self, field: str, message: str, entry: int | None = None) -> DznError:
        """Return an error at the field's line, or at the line of its entry (1-based) when given."""
        value = self.values[field].value
        line = self.values[field].line
        if entry is not None and isinstance(value, _Array) and entry <= len(value.lines):
            line = value.lines[entry - 1]
        return DznError(self.source, line, field, message)

    def bounded(self, field: str, low: int, high: int) -> int:
        value = self.values[field].value
        if not isinstance(value, int) or not low <= value <= high:
            raise self.fail(field, f"expected an integer from {low} to {high}, found {value!r}")
        return value

    def positive(self, field: str) -> int:
        return self.bounded(field, 1, 10**6)

    def count(self, field: str) -> int:
        return self.bounded(field, 0, 10**6)

    def array(self, field: str, length: int, kind: type) -> list[Any]:
        value = self.values[field].value
        if not isinstance(value, list) or len(value) != length:
            size = len(value) if isinstance(value, list) else "not an array"
            raise self.fail(field, f"expected an array of {length} entries, found {size}")
        for i, item in enumerate(value, 1):
            if not isinstance(item, kind):
                raise self.fail(
                    field, f"entry {i}: expected {'a set' if kind is frozenset else 'an integer'}, found {item!r}", i
                )
        return value

    def requested(self, n_people: int, n_meetings: int) -> tuple[Meeting, ...]:
        rows = self.array("requested", n_meetings, list)
        meetings = []
        for i, row in enumerate(rows, 1):
            if len(row) != 3:
                raise self.fail("requested", f"row {i}: expected [p1, p2, session], found {row}", i)
            p1, p2, session = row
            if not (1 <= p1 <= n_people and 1 <= p2 <= n_people) or p1 == p2:
                raise self.fail(
                    "requested",
                    f"row {i}: participants must be two different numbers from 1 to {n_people}, found {p1}, {p2}",
                    i,
                )
            if session not in (1, 2, 3):
                raise self.fail(
                    "requested", f"row {i}: session must be 1 (morning), 2 (afternoon) or 3 (any), found {session}", i
                )
            meetings.append(Meeting(p1, p2, Session(session)))
        return tuple(meetings)

    def slot_sets(self, field: str, n_people: int, n_slots: int) -> tuple[frozenset[int], ...]:
        sets = self.array(field, n_people, frozenset)
        for i, slots in enumerate(sets, 1):
            wrong = sorted(t for t in slots if not 0 <= t <= n_slots)
            if wrong:
                raise self.fail(field, f"participant {i}: slot {wrong[0]} is not from 1 to {n_slots} (0 is padding)", i)
        return tuple(frozenset(slots - {0}) for slots in sets)

    def fixed(self, n_meetings: int, n_slots: int) -> tuple[int, ...]:
        pinned = self.array("fixed", n_meetings, int)
        for i, slot in enumerate(pinned, 1):
            if not 0 <= slot <= n_slots:
                raise self.fail("fixed", f"meeting {i}: slot {slot} is not 0 (free) or from 1 to {n_slots}", i)
        return tuple(pinned)

    def precedences(self, n_meetings: int) -> tuple[frozenset[int], ...]:
        before = self.array("precedences", n_meetings, frozenset)
        for i, ids in enumerate(before, 1):
            wrong = sorted(j for j in ids if not 1 <= j <= n_meetings or j == i)
            if wrong:
                raise self.fail(
                    "precedences", f"meeting {i}: {wrong[0]} is not another meeting from 1 to {n_meetings}", i
                )
        return tuple(before)

    def redundant(self, problem: B2BProblem) -> None:
        """The two redundant fields must agree with `requested`."""
        sets = self.array("meetingsxBusiness", problem.n_participants, frozenset)
        counts = self.array("nMeetingsBusiness", problem.n_participants, int)
        for p, (given, count) in enumerate(zip(sets, counts, strict=True), 1):
            mine = problem.meetings_of(p)
            if given != {1} | {m + 1 for m in mine}:
                raise self.fail(
                    "meetingsxBusiness",
                    f"participant {p}: does not match `requested` (expected {{1}} ∪ meeting ids + 1)",
                    p,
                )
            if count != len(mine):
                raise self.fail(
                    "nMeetingsBusiness", f"participant {p}: {count} but `requested` lists {len(mine)} meetings", p
                )
