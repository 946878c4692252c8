"""No tracked file names a folder of one particular machine (a home, a work tree, a temporary folder).

Such a path works only where it was written; the project runs from any clone on any machine. The
roots below are spelt in pieces so that this file does not flag itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MACHINE_ROOTS = ("home", "root", "work", "tmp", "Users", "mnt", "media", "private/var", "var/folders")
POSIX_PATH = re.compile(r"(?<![\w.~-])/(?:" + "|".join(re.escape(root) for root in MACHINE_ROOTS) + r")/[^\s`'\"),;]*")
WINDOWS_PATH = re.compile(r"\b[A-Za-z]:\\(?:Users|Documents and Settings)\\")
ALLOWED: dict[str, str] = {
    # Paths every machine of the project has, not one person's folder: they are fine and never flagged,
    # because none starts with a machine root above. They are listed so a reader sees the rule's edge.
    "/usr/bin/chromium": "where Debian's chromium package puts the browser (tests/web/browser.py)",
    "/usr/bin/env": "the shebang of the shell scripts",
    "/dev/null": "the null device in shell scripts",
}


def tracked_files() -> list[Path]:
    """Return every file git tracks in the repository."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [ROOT / name for name in listed.stdout.decode().split("\0") if name]


def machine_paths(text: str) -> list[str]:
    """Return the machine-specific absolute paths a text names."""
    found = [match.group(0) for match in POSIX_PATH.finditer(text)]
    found += [match.group(0) for match in WINDOWS_PATH.finditer(text)]
    return [path for path in found if path not in ALLOWED]


def test_the_pattern_finds_machine_paths_and_spares_system_ones() -> None:
    home, work, tmp = "/" + "home/alice/x.csv", "/" + "work/main/src", "/" + "tmp/out.db"
    text = f"see {home} and `{work}`; sqlite:///{tmp}; C:\\Users\\bob\\a.txt"
    assert machine_paths(text) == [home, work, tmp, "C:\\Users\\"]
    spared = "#!/usr/bin/env bash\n/usr/bin/chromium 2>/dev/null; /api/v1/tmp/x; https://example.org/home/"
    assert machine_paths(spared) == []


def test_no_tracked_text_file_names_a_machine_path() -> None:
    offenders: list[str] = []
    for path in tracked_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not a text file (an XLSX fixture, an image)
        for found in machine_paths(text):
            offenders.append(f"{path.relative_to(ROOT)}: {found}")
    assert offenders == [], "machine-specific paths in tracked files:\n" + "\n".join(offenders)
