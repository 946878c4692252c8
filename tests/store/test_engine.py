"""The store's engine: foreign keys enforced on every unit of work, checked per batch in bulk loads."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chainatlas.store.engine import check_foreign_keys_per_batch, foreign_key_violations

BAD_LINK = text(
    "INSERT INTO supply_links (supplier_id, customer_id, node_code, confidential, source) "
    "VALUES ('NOPE1', 'NOPE2', 'NOPE', false, 'synthetic')"
)


def test_a_dangling_reference_is_refused_at_commit(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.execute(BAD_LINK)
        session.commit()


def test_batch_check_finds_what_per_row_checks_would_have(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("per-batch checking is an SQLite bulk-load mode; PostgreSQL enforces at commit")
    with Session(engine) as session:
        check_foreign_keys_per_batch(session)
        session.execute(BAD_LINK)
        assert len(foreign_key_violations(session, ["supply_links"])) == 3  # supplier, customer, node
        session.rollback()
    with Session(engine) as session, pytest.raises(IntegrityError):  # the next unit of work enforces again
        session.execute(BAD_LINK)
        session.commit()
