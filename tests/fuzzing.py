"""Run schemathesis over the app's whole OpenAPI in-process and count cases, server errors and failed checks.

Shared by `tests/api/test_fuzz.py` (≥ 1,000 cases in the suite) and `bench/fuzz.py` (≥ 10,000). Every operation
the schema lists is fuzzed, so new routes are picked up without a change here.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import Session

from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

SETUP = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
OPENAPI_PATH = "/api/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@dataclass
class FuzzReport:
    """What a run did: cases sent, responses by status, failures by check, and one example of each failure."""

    cases: int = 0
    seconds: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    operations: int = 0

    @property
    def server_errors(self) -> int:
        """Return how many responses were 5xx."""
        return sum(n for status, n in self.statuses.items() if status >= 500)


def _record(report: FuzzReport, label: str, error: BaseException) -> None:
    failures = error.exceptions if isinstance(error, FailureGroup) else [error]
    for failure in failures:
        check = (getattr(type(failure), "checks", ()) or (type(failure).__name__,))[0]
        report.failures[check] += 1
        key = f"{check} {label} {getattr(failure, 'title', '')}"
        report.examples.setdefault(key, str(failure)[:1500])


def _fuzz_operation(
    operation: Any, report: FuzzReport, headers: dict[str, str], examples: int, seed: int | None
) -> None:
    modes = [operation.as_strategy(generation_mode=m, headers=headers) for m in GenerationMode]
    label = operation.label

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=st.one_of(modes))
    def run(case: Any) -> None:
        report.cases += 1
        try:
            response = case.call(headers=headers)
        except Exception as error:  # an exception out of the app is a server error too
            report.statuses[599] += 1
            report.examples.setdefault(f"exception {label}", repr(error)[:1500])
            return
        report.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Failure, FailureGroup) as error:
            _record(report, label, error)

    (run if seed is None else hypothesis.seed(seed)(run))()


def fuzz(
    app: Any,
    headers: dict[str, str],
    *,
    examples: int | Callable[[str], int],
    seed: int | None = None,
) -> FuzzReport:
    """Fuzz every operation of the app's OpenAPI with `examples` cases each (positive and negative data)."""
    schema = schemathesis.openapi.from_asgi(OPENAPI_PATH, app)
    report = FuzzReport()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        count = examples(operation.label) if callable(examples) else examples
        report.operations += 1
        _fuzz_operation(operation, report, headers, count, seed)
    report.seconds = time.perf_counter() - started
    return report


def summary_lines(report: FuzzReport) -> list[str]:
    """Return the report as printable lines: totals, statuses, failures by check."""
    lines = [
        f"operations {report.operations}, cases {report.cases} in {report.seconds:.1f} s "
        f"({report.cases / max(report.seconds, 1e-9):.0f}/s), server errors {report.server_errors}",
        "statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(report.statuses.items())),
        "failed checks " + (", ".join(f"{c}: {n}" for c, n in report.failures.most_common()) or "none"),
    ]
    return lines


def admin_headers(db_url: str) -> dict[str, str]:
    """Add an admin with an API token to the database and return the bearer header."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        add_user(session, SETUP, username="fuzz-admin", role=Role.ADMIN, password="fuzz-password-1", enterprise_id=None)
        token = create_token(session, SETUP, username="fuzz-admin", name="fuzz")
        session.commit()
    engine.dispose()
    return {"Authorization": f"Bearer {token}"}
