"""The shared store of analysis results: one row per analysis and parameter set, with the registry version it
was computed at and the claim of whoever computes the next one (see `store.analysis_cache`)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from chainatlas.store.rows_base import Base


class AnalysisCacheRow(Base):
    """An analysis result at a registry version, and who is computing it at a newer version until when."""

    __tablename__ = "analysis_cache"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The SHA-256 of the analysis's canonical key (its name and parameters, the cluster among them)."""
    label: Mapped[str] = mapped_column(String(300))
    """The key as text, for a person reading the table."""
    version: Mapped[int | None] = mapped_column(BigInteger)
    """The registry version the stored value was computed at; None until one was."""
    value: Mapped[bytes | None] = mapped_column(LargeBinary)
    computing: Mapped[int | None] = mapped_column(BigInteger)
    """The registry version someone is computing the value at, or None."""
    holder: Mapped[str | None] = mapped_column(String(100))
    """Who holds the claim (host, process and thread)."""
    lease_until: Mapped[float | None] = mapped_column(Float)
    """Until when the claim holds (seconds since the epoch): a holder that died loses it then."""
