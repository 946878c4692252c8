"""Backup and restore of the whole database, as the CLI reaches them (the work is in `store.backup`)."""

from __future__ import annotations

from chainatlas.store.backup import BackupError, HasData, NewerSchema, NotABackup, backup_database, restore_database
from chainatlas.store.backup_carry import CarriedOver

__all__ = [
    "BackupError",
    "CarriedOver",
    "HasData",
    "NewerSchema",
    "NotABackup",
    "backup_database",
    "restore_database",
]
