"""Help text wraps to the terminal: source line breaks in a docstring paragraph are joined
(typer's rich help would keep them and print ragged half-empty lines at 80 columns)."""

from __future__ import annotations

from typing import Any

from typer.main import get_command
from typer.testing import CliRunner

from ui.cli import app, unwrap_help


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out = [(path, cmd)]
    for name, sub in getattr(cmd, "commands", {}).items():
        out += _commands(sub, (*path, name))
    return out


def test_unwrap_joins_prose_and_keeps_layouts() -> None:
    text = """First line
    goes on.

    A paragraph written
    over three
    source lines.

    Steps:
    - one
    - two

    \b
    kept  as
    is"""
    got = unwrap_help(text).split("\n\n")
    assert got[0] == "First line goes on."
    assert got[1] == "A paragraph written over three source lines."
    assert got[2] == "Steps:\n- one\n- two"
    assert got[3] == "\b\nkept  as\nis"


def test_every_command_help_is_unwrapped() -> None:
    root = get_command(app)
    commands = _commands(root)
    assert len(commands) > 20
    for path, cmd in commands:
        for para in (cmd.help or "").split("\n\n"):
            if "\n" in para:
                assert para.startswith("\b") or any(
                    ln[:1].isspace() or ln.lstrip().startswith(("- ", "* "))
                    for ln in para.split("\n")[1:]
                ), (path, para)


def test_help_at_80_columns_has_no_orphan_words() -> None:
    """A line holding a single word followed by more prose is the ragged-wrap symptom."""
    res = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    prose = [ln.strip() for ln in res.output.split("\n") if ln.strip() and "│" not in ln]
    lonely = [ln for ln in prose if len(ln.split()) == 1 and not ln.startswith(("╭", "╰"))]
    assert not lonely, lonely
