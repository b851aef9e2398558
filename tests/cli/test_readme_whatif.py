"""The README's walk-throughs show real output: rerun each command and compare.

Every ```console block between a pair of walkthrough markers (`<!-- walkthrough:NAME` ...
`<!-- /walkthrough:NAME`: the first example, and the what-if walk-through) starts with
`$ scenarios ...`;
the rest of the block must be exactly what the command prints at 100 columns (trailing spaces
aside). When a change alters the output on purpose, regenerate the blocks with
`python -m tests.cli.test_readme_whatif` and read the diff: the prose around them may need it too.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.cli.test_cli import runner

ENV = {"COLUMNS": "100"}
README = Path(__file__).resolve().parents[2] / "README.md"


SECTION = re.compile(r"(<!-- walkthrough:(\w+).*?)(<!-- /walkthrough:\2)", flags=re.S)
BLOCK = re.compile(r"```console\n\$ scenarios (.*?)\n(.*?)```", flags=re.S)


def walkthrough_blocks() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    sections = [m.group(1) for m in SECTION.finditer(text)]
    assert len(sections) >= 2, "the README lost a walkthrough marker"
    return [(command, output) for section in sections for command, output in BLOCK.findall(section)]


def test_walkthrough_has_the_questions_and_commands() -> None:
    commands = [command.split()[0] for command, _ in walkthrough_blocks()]
    assert {"whatif", "timeline", "depends", "compare"} <= set(commands)


@pytest.mark.parametrize(("command", "expected"), walkthrough_blocks())
def test_walkthrough_output_is_real(command: str, expected: str) -> None:
    from scenarios.cli import app

    result = runner.invoke(app, shlex.split(command), env=ENV)
    assert result.exit_code == 0, result.output
    printed = [line.rstrip() for line in result.stdout.rstrip("\n").splitlines()]
    assert printed == expected.rstrip("\n").splitlines()


def update_readme() -> None:
    """Rewrite every walk-through block with what its command prints now."""
    from scenarios.cli import app

    text = README.read_text(encoding="utf-8")

    def rerun(match: re.Match[str]) -> str:
        command = match.group(1)
        result = runner.invoke(app, shlex.split(command), env=ENV)
        printed = "\n".join(line.rstrip() for line in result.stdout.rstrip("\n").splitlines())
        return f"```console\n$ scenarios {command}\n{printed}\n```"

    def section(match: re.Match[str]) -> str:
        return BLOCK.sub(rerun, match.group(1)) + match.group(3)

    README.write_text(SECTION.sub(section, text), encoding="utf-8")


if __name__ == "__main__":  # python -m tests.cli.test_readme_whatif: regenerate the README blocks
    update_readme()
