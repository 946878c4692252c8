"""Run schemathesis over the app's whole OpenAPI in-process and count cases, server errors and failed checks.

Shared by `tests/api/test_fuzz.py` (≥ 1,000 cases in the suite) and `bench/fuzz.py` (≥ 10,000). It drives
schemathesis's own engine, as `st run` does: the examples, coverage (boundary values just inside and outside every
constraint, unexpected methods) and fuzzing (Hypothesis, positive and negative data) phases over every operation
the schema lists, so new routes are picked up without a change here.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import requests
import schemathesis
from schemathesis.engine import events, from_schema
from schemathesis.generation import GenerationMode
from sqlalchemy.orm import Session

from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

SETUP = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
OPENAPI_PATH = "/api/openapi.json"
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]
PHASES = ["examples", "coverage", "fuzzing"]
REQUEST_TIMEOUT = 10


@dataclass
class FuzzReport:
    """What a run did: cases sent, by phase and status, failed checks, exceptions, one example of each failure."""

    cases: int = 0
    seconds: float = 0.0
    request_timeout: float = REQUEST_TIMEOUT
    stop_reason: str = ""
    phases: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    exceptions: int = 0
    timeouts: int = 0
    examples: dict[str, str] = field(default_factory=dict)
    per_operation: Counter[str] = field(default_factory=Counter)

    @property
    def server_errors(self) -> int:
        """Return the 5xx answers plus the exceptions that escaped the app."""
        return sum(n for status, n in self.statuses.items() if status >= 500) + self.exceptions


def _scenario(report: FuzzReport, event: events.ScenarioFinished) -> None:
    recorder = event.recorder
    report.per_operation[recorder.label] += len(recorder.interactions)
    report.cases += len(recorder.interactions)
    report.phases[str(event.phase.value)] += len(recorder.interactions)
    for interaction in recorder.interactions.values():
        if interaction.response is not None:
            report.statuses[interaction.response.status_code] += 1
    for checks in recorder.checks.values():
        for check in checks:
            if check.failure_info is not None:
                report.failures[check.name] += 1
                key = f"{check.name} {recorder.label}: {check.failure_info.failure.title}"
                report.examples.setdefault(key, f"{check.failure_info.failure}\n{check.failure_info.code_sample}")


def _record(report: FuzzReport, event: Any) -> None:
    if isinstance(event, events.ScenarioFinished):
        _scenario(report, event)
    elif isinstance(event, events.NonFatalError):
        if isinstance(event.value, requests.exceptions.Timeout):
            report.timeouts += 1
        else:
            report.exceptions += 1
        report.examples.setdefault(
            f"exception {event.label}: {event.value!r}"[:300], f"{event.info.message}\n{event.info.traceback}"
        )
    elif isinstance(event, events.FatalError):
        raise event.exception
    elif isinstance(event, events.EngineFinished):
        report.stop_reason = str(event.stop_reason.value)


REVOKES_OWN_TOKEN = {"method": "DELETE", "path": "/api/v1/tokens/{token_id}"}


def fuzz(
    app: Any,
    headers: dict[str, str],
    *,
    examples: int,
    seed: int = 11,
    quick: bool = False,
    request_timeout: float = REQUEST_TIMEOUT,
) -> FuzzReport:
    """Fuzz every operation of the app's OpenAPI (at most `examples` Hypothesis cases each in the fuzzing phase).

    `quick` (the suite) keeps the coverage phase to valid boundary values (the largest integers, the smallest
    positive floats, the longest strings) and skips its invalid values and unexpected methods (the bench runs them)."""
    schema = schemathesis.openapi.from_asgi(OPENAPI_PATH, app)
    if quick:
        schema.config.phases.coverage.generation.update(modes=[GenerationMode.POSITIVE])
        schema.config.phases.coverage.unexpected_methods = set()
    schema.config.update(headers=headers, continue_on_failure=True, request_timeout=request_timeout)
    schema.config.checks.update(included_check_names=CHECKS)
    schema.config.generation.update(max_examples=examples, deterministic=True)
    schema.config.phases.update(phases=PHASES)
    schema.config.seed = seed
    report = FuzzReport(request_timeout=request_timeout)
    started = time.perf_counter()
    # Revoking tokens comes last: once the fuzzer hits its own token's id, every later answer would be a 401.
    for part in (schema.exclude(**REVOKES_OWN_TOKEN), schema.include(**REVOKES_OWN_TOKEN)):
        for event in from_schema(part).execute():
            _record(report, event)
    report.seconds = time.perf_counter() - started
    return report


def summary_lines(report: FuzzReport) -> list[str]:
    """Return the report as printable lines: totals, phases, statuses, failures by check."""
    return [
        f"operations {len(report.per_operation)}, cases {report.cases} in {report.seconds:.1f} s "
        f"({report.cases / max(report.seconds, 1e-9):.0f}/s, stopped: {report.stop_reason}), "
        f"server errors {report.server_errors} (5xx answers and exceptions out of the app), "
        f"timeouts {report.timeouts} (no answer within {report.request_timeout:g} s)",
        "cases by phase " + ", ".join(f"{p}: {n}" for p, n in sorted(report.phases.items())),
        "statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(report.statuses.items())),
        "failed checks " + (", ".join(f"{c}: {n}" for c, n in report.failures.most_common()) or "none"),
    ]


def admin_headers(db_url: str) -> dict[str, str]:
    """Add an admin with an API token to the database and return the bearer header."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        now = replace(SETUP, at=dt.datetime.now(dt.UTC))  # tokens expire: one stamped 2026-01-01 is dead by December
        add_user(session, now, username="fuzz-admin", role=Role.ADMIN, password="fuzz-password-1", enterprise_id=None)
        token = create_token(session, now, username="fuzz-admin", name="fuzz")
        session.commit()
    engine.dispose()
    return {"Authorization": f"Bearer {token}"}
