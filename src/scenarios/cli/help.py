"""How a command's --help reads: plain metavars, and real examples at the end.

Typer shows types (`--top <int>`, `--cut <list[str]>`) and braces around required arguments
(`{SCENARIO}`); `Command` shows what to type instead, as click does (`--top N`, `SCENARIO`,
`[files|neo4j]`). Each command names its examples with `@examples(...)` right above its
definition; they end its help under "Examples:" (tests/cli/test_help.py runs them).

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from typer.core import TyperCommand

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext
    from typer._click.formatting import HelpFormatter

F = TypeVar("F", bound=Callable[..., Any])

_TYPE = re.compile(r"<(list\[)?([^<>\[\]]+)\]?>")
_PLAIN = {"int": "N", "float": "NUMBER", "str": "TEXT", "path": "PATH", "bool": "BOOLEAN"}


def examples(*lines: str) -> Callable[[F], F]:
    """Attach example command lines (each starting `scenarios ...`) to a command function."""

    def attach(command: F) -> F:
        command.__dict__["examples"] = lines  # kept by functools.wraps (expand_bundles)
        return command

    return attach


def epilog(command: Callable[..., Any]) -> str | None:
    """The "Examples:" block of a command's help (click keeps `\\b` paragraphs unwrapped)."""
    lines = command.__dict__.get("examples")
    if not lines:
        return None
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def plain(metavar: str) -> str:
    """A typer type label as a metavar.

    >>> plain("--top <int>"), plain("--cut <list[str]>"), plain("--source <files|neo4j>")
    ('--top N', '--cut TEXT', '--source [files|neo4j]')
    """

    def one(match: re.Match[str]) -> str:
        label = match.group(2)
        return f"[{label}]" if "|" in label else _PLAIN.get(label, label.upper())

    return _TYPE.sub(one, metavar)


class Command(TyperCommand):
    """A typer command whose help shows plain metavars (see the module docstring)."""

    def collect_usage_pieces(self, ctx: "ClickContext") -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = (param.metavar or param.name or "").upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: "ClickContext", formatter: "HelpFormatter") -> None:
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in sections:
                continue
            name, text = record
            if param.param_type_name == "argument":  # its name is its metavar: no type
                name = _TYPE.sub("", name).strip()
            sections[param.param_type_name].append((plain(name), text))
        for title, key in (("Arguments", "argument"), ("Options", "option")):
            if sections[key]:
                with formatter.section(title):
                    formatter.write_dl(sections[key])
