"""Move the access log's clock in sign-in limit tests, so a back-off does not run out while a loaded machine hashes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from chainatlas.store.rows import AccessLogRow


def stamp_failures_now(engine: Engine) -> None:
    """Stamp every logged sign-in failure with the current time, so that a wait counts from here (a loaded
    machine may take longer than a whole second of back-off to hash the failing passwords themselves)."""
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        for row in session.scalars(select(AccessLogRow).where(AccessLogRow.event == "sign_in_failed")):
            row.at = now
        session.commit()
