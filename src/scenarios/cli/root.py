"""The root of the command line: the typer app, its commands, the one error boundary, `main`.

`main` lets typer build only the command it runs (the start-up trick). Each command (browse,
analysis, whatif, data, export, neo4j) parses its options, calls one function of
`scenarios.reports` (or the store), and hands the result to `cli.output.emit`:
`scenarios.render.terminal` for people or `scenarios.render.json` for `--json`, on stdout.
Errors, hints and progress go to stderr. Heavy modules are imported inside the commands so
`scenarios --help` stays as fast as typer itself. No `from __future__ import annotations` in
the command line: typer would `eval` every option's annotation string on each run (~20 ms);
names imported only for type checking are quoted instead.
"""

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import UsageError as ClickUsageError  # typer >= 0.29 vendors click
from typer.core import TyperGroup

from scenarios.cli import analysis, browse, changes, data, export, neo4j, signposts, whatif
from scenarios.cli.groups import add_app, edit_app
from scenarios.cli.help import Command, epilog
from scenarios.cli.options import expand_bundles
from scenarios.cli.output import PAGING, fail
from scenarios.config import DEBUG_ENV
from scenarios.errors import ExitCode, ScenarioError, UsageError

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext
    from typer.models import CommandInfo


class _ErrorBoundary(TyperGroup):
    """Turns every foreseeable error into `error: ...` + a hint on stderr and an exit code.

    With --debug the Python traceback comes first, and the exit code stays the same.
    """

    def invoke(self, ctx: "ClickContext") -> Any:
        try:
            return super().invoke(ctx)
        except ScenarioError as err:
            _traceback_if_debug(ctx)
            hint = err.hint
            if hint is None and isinstance(err, UsageError):  # every error comes with a way on
                command = " ".join(filter(None, ("scenarios", ctx.invoked_subcommand)))
                hint = f"see `{command} --help`"
            fail(err.message, hint)
            raise typer.Exit(int(err.exit_code)) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
            raise typer.Exit(int(ExitCode.OK)) from None
        except (typer.Exit, typer.Abort):
            raise
        except ClickUsageError as err:  # click's own checks (choices, missing arguments, ...)
            _traceback_if_debug(ctx)
            path = err.ctx.command_path if err.ctx is not None else "scenarios"
            message = err.format_message().replace("Value error, ", "")
            fail(message[:1].lower() + message[1:], f"see `{path} --help`")
            raise typer.Exit(int(ExitCode.USAGE)) from None
        except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
            if type(err).__module__.startswith(("click", "typer")):
                raise
            _traceback_if_debug(ctx)
            fail(
                f"internal error: {type(err).__name__}: {err}",
                "this is a bug in scenarios; rerun with --debug for the traceback and report it",
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _traceback_if_debug(ctx: "ClickContext") -> None:
    """With --debug (or $SCENARIOS_DEBUG), the traceback of the error being handled."""
    if _debug(ctx):
        import traceback

        traceback.print_exc(file=sys.stderr)


def _debug(ctx: "ClickContext") -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")


app = typer.Typer(
    name="scenarios",
    cls=_ErrorBoundary,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Model geopolitical futures as graphs: which actor links does each scenario stand on?\n\n"
    "Reads the bundled seed dataset unless --data (or $SCENARIOS_DATA) points elsewhere. "
    "Long output on a terminal goes through a pager, as git does (--no-pager).\n\n"
    "Exit codes: 0 ok, 1 invalid data or no answer, 2 bad arguments, 3 Neo4j unreachable or "
    "its TLS handshake failed, 4 Neo4j refused the login, 5 no such database, 6 server lacks "
    "a feature, 7 output file exists or cannot be written, 8 the database failed a statement, "
    "9 load would overwrite edits made in the database, 70 internal error, 130 interrupted. "
    "--debug shows the traceback and keeps the exit code.",
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"scenarios {version('scenarios')}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show the Python traceback above the one-line error (same exit code).",
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output directly, not through $SCENARIOS_PAGER, $PAGER or less.",
        ),
    ] = False,
    _show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"debug": debug}
    PAGING["allowed"] = not no_pager


COMMANDS = (  # name (None: the function's) and function, in the order `--help` lists them
    ("list", browse.list_scenarios),
    (None, browse.show),
    (None, browse.actors),
    (None, browse.links),
    (None, analysis.path),
    (None, analysis.centrality),
    (None, analysis.depends),
    (None, whatif.compare),
    (None, whatif.whatif),
    (None, whatif.timeline),
    (None, signposts.signposts),
    (None, data.validate),
    (None, changes.diff),
    (None, export.export),
    (None, data.synth),
    (None, neo4j.load),
    (None, neo4j.cypher),
    (None, changes.pull),
)
for _name, _command in COMMANDS:
    app.command(_name, cls=Command, epilog=epilog(_command))(expand_bundles(_command))
GROUPS = (add_app, edit_app)  # a command per kind of entry, built when invoked (cli/groups.py)
for _group in GROUPS:
    app.add_typer(_group, name=_group.info.name)


def main() -> None:
    """Console-script entry point."""
    _build_only_the_invoked_command(sys.argv[1:])
    app(prog_name="scenarios")


def _build_only_the_invoked_command(args: Sequence[str]) -> None:
    """Let typer build only the command this process runs.

    Typer turns every command's signature into click parameters before it parses anything
    (about 2 ms a command): `scenarios --help` paid some 30 ms for parameters it never shows
    (bench/startup.py). When the first word names a command, the others are dropped; otherwise
    (the command list, or a misspelt command whose suggestion needs every name) each command
    is registered as a parameterless stand-in carrying its name and help text. The `add` and
    `edit` groups build their own commands only when invoked (`cli/groups.py`).
    """
    commands, names = [], []
    for info in app.registered_commands:
        if info.callback is not None:
            commands.append(info)
            names.append(info.name or info.callback.__name__.replace("_", "-"))
    word = next((a for a in args if not a.startswith("-")), None)
    if word in names:
        app.registered_commands = [c for c, n in zip(commands, names, strict=True) if n == word]
        app.registered_groups = []
    elif word in {info.name for info in app.registered_groups}:  # `scenarios add link ...`
        app.registered_commands = []
        app.registered_groups = [g for g in app.registered_groups if g.name == word]
    else:
        app.registered_commands = _stand_ins(commands)


def _stand_ins(commands: "Sequence[CommandInfo]") -> list["CommandInfo"]:
    """Parameterless copies of `commands` carrying their names and help texts."""
    import copy
    import inspect

    out = []
    for info in commands:
        if info.callback is None:
            continue
        stand_in = copy.copy(info)
        stand_in.name = info.name or info.callback.__name__.replace("_", "-")
        stand_in.help = info.help if info.help is not None else inspect.getdoc(info.callback)
        stand_in.callback = _stand_in
        out.append(stand_in)
    return out


def _stand_in() -> None:  # never runs: a command that runs is built from its real function
    raise AssertionError("a stand-in command ran")
