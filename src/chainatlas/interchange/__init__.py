"""Files in and out: column specs, CSV/XLSX/JSON readers and writers. May import `domain` only."""
