"""Print the figures docs/development.md keeps about how easy the code is to change.

Run with `.venv/bin/python scripts/code_metrics.py`; it reads the source tree and the OpenAPI of
an app built on a throw-away SQLite file, and never writes to the repository.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "chainatlas"
ADAPTERS = ("api", "web", "cli")
BELOW_SERVICES = ("chainatlas.analytics", "chainatlas.interchange", "chainatlas.store")


def python_files() -> list[Path]:
    """Return every module of the package, migrations excluded."""
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def count_marker(marker: str) -> tuple[int, int]:
    """Return how many times a comment marker occurs and in how many modules."""
    counts = [p.read_text(encoding="utf-8").count(marker) for p in python_files()]
    return sum(counts), sum(1 for c in counts if c)


def longest_module() -> tuple[int, str]:
    """Return the line count and path of the longest module."""
    sizes = [(len(p.read_text(encoding="utf-8").splitlines()), p) for p in python_files()]
    lines, path = max(sizes)
    return lines, str(path.relative_to(ROOT))


def function_lengths() -> list[tuple[int, str]]:
    """Return (lines, qualified name) of every function and method."""
    found: list[tuple[int, str]] = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                found.append((node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT)}:{node.name}"))
    return found


def adapter_shortcuts() -> list[str]:
    """Return the adapter modules that import analytics, interchange or store directly."""
    offenders: list[str] = []
    for path in python_files():
        rel = path.relative_to(SRC)
        if rel.parts[0] not in ADAPTERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        if any(name.startswith(BELOW_SERVICES) for name in names):
            offenders.append(str(rel))
    return offenders


def sql_outside_store() -> list[str]:
    """Return the modules outside store that build SQL (import sqlalchemy's query builders)."""
    pattern = re.compile(r"^from sqlalchemy import .*\b(select|insert|update|delete|func|text)\b", re.M)
    return [
        str(p.relative_to(SRC))
        for p in python_files()
        if p.relative_to(SRC).parts[0] != "store" and pattern.search(p.read_text(encoding="utf-8"))
    ]


def untyped_routes() -> tuple[int, int]:
    """Return (untyped, all) /api/v1 operations: untyped when a success answer has no described schema."""
    from chainatlas.app import create_app
    from chainatlas.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"CHAINATLAS_DATABASE_URL": f"sqlite:///{tmp}/m.db"})
        spec = create_app(settings).openapi()
    total = untyped = 0
    for path, ops in spec["paths"].items():
        if not path.startswith("/api/v1"):
            continue
        for op in ops.values():
            total += 1
            untyped += not all(_described(r, spec) for code, r in op["responses"].items() if code.startswith("2"))
    return untyped, total


def _described(response: dict[str, Any], spec: dict[str, Any]) -> bool:
    content = response.get("content")
    if not content:
        return True  # 204 or a file answer described by its media type
    for media, body in content.items():
        schema = body.get("schema", {})
        if media != "application/json":
            continue
        if "$ref" in schema or schema.get("type") == "array" or "anyOf" in schema:
            continue
        if schema.get("properties"):
            continue
        return False
    return True


def contracts() -> tuple[int, int, str]:
    """Return (contracts kept, contracts broken, the summary line) from import-linter."""
    tool = str(Path(sys.executable).parent / "lint-imports")  # the venv's own import-linter, no user input
    run = subprocess.run([tool], capture_output=True, text=True, cwd=ROOT)  # noqa: S603
    text = run.stdout
    kept = len(re.findall(r" KEPT$", text, re.M))
    broken = len(re.findall(r" BROKEN$", text, re.M))
    summary = next((line for line in text.splitlines() if line.startswith("Contracts:")), "")
    return kept, broken, summary


def main() -> None:
    """Print every figure, one per line."""
    fmt_skips, fmt_modules = count_marker("# fmt: skip")
    ignores, _ = count_marker("type: ignore")
    lines, module = longest_module()
    funcs = sorted(function_lengths())
    median = funcs[len(funcs) // 2][0]
    untyped, total = untyped_routes()
    kept, broken, summary = contracts()
    shortcuts = adapter_shortcuts()
    sql = sql_outside_store()
    print(f"# fmt: skip markers: {fmt_skips} in {fmt_modules} modules")
    print(f"type: ignore: {ignores}")
    print(f"longest module: {lines} lines ({module}); modules over 400 lines: {_over_400()}")
    print(
        f"longest function: {funcs[-1][0]} lines ({funcs[-1][1]}); median {median}; over 40 lines: {_over(funcs, 40)}"
    )
    print(f"/api/v1 operations without a response schema: {untyped} of {total}")
    print(f"import contracts: {kept} kept, {broken} broken ({summary})")
    print(f"adapter modules importing analytics/interchange/store: {len(shortcuts)} {shortcuts}")
    print(f"modules outside store building SQL: {len(sql)} {sql}")


def _over(funcs: list[tuple[int, str]], limit: int) -> int:
    return sum(1 for n, _ in funcs if n > limit)


def _over_400() -> int:
    return sum(1 for p in python_files() if len(p.read_text(encoding="utf-8").splitlines()) > 400)


if __name__ == "__main__":
    main()
