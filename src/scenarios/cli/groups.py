"""The `add` and `edit` groups as the command list shows them; their commands come later.

Each group's commands (`add link`, `edit actor`, ...) are made from the format's field table
(`scenarios.cli.entries`, `scenarios.dataset.fields`), which costs some 5 ms to import and
about 2 ms a command for typer to build. `scenarios --help` needs only each group's name and
help text, so a group builds a command when it is looked up (`scenarios add link ...`: that
one) and all of them only when it lists them (`scenarios add --help`, a misspelt kind); the
examples at the end of its help come from there too. This is click's documented lazy group
(`list_commands` and `get_command` overridden) on typer's group class.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click.core import Command as ClickCommand
    from typer._click.core import Context as ClickContext
    from typer._click.formatting import HelpFormatter


class EntryGroup(TyperGroup):
    """`add` or `edit`: builds its commands from `scenarios.cli.entries` when asked for."""

    def list_commands(self, ctx: "ClickContext") -> list[str]:
        kinds = self._kinds()
        for kind in kinds:
            self._build(kind)
        self.commands = {kind: self.commands[kind] for kind in kinds}  # in the table's order
        return list(kinds)

    def get_command(self, ctx: "ClickContext", cmd_name: str) -> "ClickCommand | None":
        if cmd_name in self._kinds():
            self._build(cmd_name)
        else:  # not a kind: typer's "Did you mean" suggestion reads every command's name
            self.list_commands(ctx)
        return super().get_command(ctx, cmd_name)

    def format_epilog(self, ctx: "ClickContext", formatter: "HelpFormatter") -> None:
        from scenarios.cli.entries import group_epilog

        self.epilog = group_epilog(str(self.name))  # the examples, kept beside the commands
        super().format_epilog(ctx, formatter)

    def _kinds(self) -> tuple[str, ...]:
        from scenarios.cli.entries import KINDS

        return KINDS[str(self.name)]

    def _build(self, kind: str) -> None:
        if kind not in self.commands:
            from scenarios.cli.entries import command

            self.commands[kind] = command(str(self.name), kind)


def _group(name: str, text: str) -> typer.Typer:
    """A group's shell: its name and its help (its examples come with its commands)."""
    return typer.Typer(
        name=name, cls=EntryGroup, no_args_is_help=True, rich_markup_mode=None, help=text
    )


add_app = _group(
    "add",
    "Add a programme, speaker, actor, link, evidence item, signpost or observation to a "
    "YAML dataset.\n\n"
    "Names resolve as elsewhere (id, name, Japanese name, alias); the whole dataset is "
    "validated before anything is written, and the file keeps its comments and layout. "
    "Missing required values are asked for on a terminal. Exit 2: a value is wrong (nothing "
    "written).",
)
edit_app = _group(
    "edit",
    "Change fields of a link, actor, speaker, programme or signpost in place (regrade, redate).",
)
