"""The documentation lists every command, option and setting (so it stays true)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from chainatlas.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found.update(_commands(command, f"{full} "))
        else:
            found[full] = command
    return found


def _mentions(text: str, option: str) -> bool:
    return re.search(f"`{re.escape(option)}[` ]", text) is not None


def test_every_command_and_option_is_documented() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    for name, command in _commands(root).items():
        assert f"### `chainatlas {name}" in usage, f"command {name} is not documented"
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option != "--help":
                    assert _mentions(usage, option), f"option {option} of {name} is not documented"
    for param in root.params:
        for option in getattr(param, "opts", []):
            if option.startswith("--") and option not in {"--help", "--version"}:
                assert _mentions(usage, option), f"global option {option} is not documented"


def test_every_setting_is_documented() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "chainatlas").rglob("*.py"))
    settings = set(re.findall(r"CHAINATLAS_[A-Z_]+", sources))
    assert settings, "no settings found"
    for setting in sorted(settings):
        assert f"`{setting}`" in usage, f"setting {setting} is not documented"


def test_readme_opens_with_exactly_the_two_commands() -> None:
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    commands = [line.split("#")[0].strip() for line in lines[2:4]]
    assert lines[1] == "```sh" and lines[4] == "```"
    assert commands == ["make run", "make test"]


def test_readme_links_every_doc() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted((ROOT / "docs").glob("*.md")) if f"](docs/{p.name})" not in readme]
    assert missing == [], f"README's table does not link {missing}"
