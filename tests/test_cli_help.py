"""Every command answers --help with an example, and the CLI starts without heavy imports."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ui.cli import app


def _command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(cmd, "commands"):  # a group (typer vendors its own click)
            paths += _command_paths(cmd, path)
        else:
            paths.append(path)
    return paths


ROOT = typer.main.get_command(app)
COMMANDS = _command_paths(ROOT)


def test_there_are_commands() -> None:
    assert ("db", "upgrade") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_has_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"`thesisdesk {' '.join(path)} --help` has no example"


def test_cli_start_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from ui.cli import app; "
        "heavy = [m for m in ('torch', 'spacy', 'transformers', 'streamlit') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
