"""`add` and `edit`: enter evidence without hand-editing YAML.

Each kind of entry (`add link`, `add evidence`, `edit actor`, ...) is a command whose flags are
made from the format's table (`scenarios.dataset.fields`): one flag per field, named as its
YAML key (`--name-ja` and `--name_ja` both work), so a field added to the format becomes a
flag with no code here. The work is `scenarios.dataset.entries`'.
This module is imported only when `add` or `edit` runs (`scenarios.cli.groups`).

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scenarios.cli.help import Command, epilog, examples
from scenarios.cli.options import (
    DryRunOption,
    JsonOption,
    WriteDataOption,
    dataset_to_change,
    load_files,
)
from scenarios.cli.output import say_written
from scenarios.dataset.fields import EDIT_KINDS, ENTRY_KINDS, TABLES, Field, Holds
from scenarios.errors import UsageError

if TYPE_CHECKING:
    from typer._click.core import Command as ClickCommand

    from scenarios.dataset.edit import DatasetEdit
    from scenarios.dataset.entries import EntryChange

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        metavar="FILE",
        help="YAML file of the dataset to add to, relative to here or else to the dataset "
        "[default: the last file with the section].",
        show_default=False,
    ),
]
UnsetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--unset",
        metavar="FIELD",
        help="Remove an optional field (repeatable).",
        show_default=False,
    ),
]


def interactive() -> bool:
    """Whether missing values may be asked for (stdin is a terminal)."""
    return sys.stdin.isatty()


def _field_option(spec: Field, *, required: bool) -> inspect.Parameter:
    names = [f"--{spec.name.replace('_', '-')}"]
    if "_" in spec.name:
        names.append(f"--{spec.name}")
    text = spec.help
    if spec.choices:
        text += f" One of: {', '.join(spec.choices)}."
    if required:
        text += " [required]"
    many = spec.holds in (Holds.TEXTS, Holds.IDS)
    kind: Any = list[str] | None if many else str | None
    option = typer.Option(*names, help=text, show_default=False, metavar=_metavar(spec))
    return inspect.Parameter(
        f"field_{spec.name}", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[kind, option],
    )  # fmt: skip


def _metavar(spec: Field) -> str:
    """`ACTOR` for a field naming an actor, `TYPE` for a choice, a few fields by what they
    name (`GRADE`, `URL`), else what the field holds."""
    if spec.refers_to:
        return "|".join(part.rstrip("s").upper() for part in spec.refers_to.split(" or "))
    if spec.holds is Holds.CHOICE:
        return spec.name.upper()
    return METAVARS_BY_NAME.get(spec.name) or METAVARS[spec.holds]


# fields whose text is one thing in particular: an evidence item's grade is a ladder grade's name
METAVARS_BY_NAME = {"grade": "GRADE", "url": "URL", "aliases": "NAME"}


METAVARS = {
    Holds.ID: "ID",
    Holds.TEXT: "TEXT",
    Holds.UNIT: "0..1",
    Holds.GRADE: "GRADE|0..1",
    Holds.PERIOD: "DATE",
    Holds.DAY: "YYYY-MM-DD",
    Holds.CHOICE: "CHOICE",
    Holds.TEXTS: "TEXT",
    Holds.IDS: "ID",
    Holds.ENTRIES: "",
}


# the options of the commands' own (not the format's fields): each one's type and default
COMMON = {
    "unset": (UnsetOption, None),
    "data": (WriteDataOption, None),
    "file": (FileOption, None),
    "dry_run": (DryRunOption, False),
    "json_out": (JsonOption, False),
}


def _common(*names: str) -> list[inspect.Parameter]:
    """The options `names` of `COMMON`, in that order."""
    return [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=COMMON[name][1],
            annotation=COMMON[name][0],
        )
        for name in names
    ]


def _values(options: dict[str, Any]) -> dict[str, Any]:
    return {
        name.removeprefix("field_"): value
        for name, value in options.items()
        if name.startswith("field_") and value not in (None, [])
    }


def _build(
    run: Callable[..., None], parameters: list[inspect.Parameter], doc: str
) -> Callable[..., None]:
    def command(**options: Any) -> None:
        run(**options)

    # typer reads a command's parameters from inspect's __signature__ protocol, which a
    # function's type does not declare
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__doc__ = doc
    return command


def _add_command(kind: str) -> Callable[..., None]:
    entry = ENTRY_KINDS[kind]
    table = TABLES[entry.table]
    parameters = []
    if entry.parent is not None:
        parameters.append(_field_option(entry.parent_field(), required=True))
    parameters += [
        _field_option(spec, required=spec.required and not (kind == "link" and spec.name == "id"))
        for spec in table.fields
        if spec.holds is not Holds.ENTRIES
    ]
    parameters += _common("data", "file", "dry_run", "json_out")

    def run(
        data: Path | None, file: Path | None, dry_run: bool, json_out: bool, **rest: Any
    ) -> None:
        from scenarios.dataset import entries

        root = dataset_to_change(data)
        ds = load_files(root)
        values = _values(rest)
        lacking = entries.missing(kind, values)
        if lacking and interactive():
            for spec in lacking:
                values[spec.name] = _ask(spec)
        if entry.within is not None and file is not None:
            raise UsageError(
                f"--file does not apply to {kind}", hint=f"it goes under its {entry.parent}"
            )
        change, edit = entries.plan_add(ds, root, kind, values, file=file)
        _finish(change, edit, dry_run, json_out)

    what = f"{_a(kind)} to an existing {entry.parent}" if entry.parent else _a(kind)
    return _build(run, parameters, f"Add {what} (fields: docs/data-format.md).")


def _edit_command(kind: str) -> Callable[..., None]:
    entry = ENTRY_KINDS[kind]
    table = TABLES[entry.table]
    ident = inspect.Parameter(
        "ident",
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        annotation=Annotated[str, typer.Argument(metavar="ID", help=f"The {kind}'s id (or name).")],
    )
    parameters = [ident]
    parameters += [
        _field_option(spec, required=False)
        for spec in table.fields
        if spec.holds is not Holds.ENTRIES and spec.name != table.key
    ]
    parameters += _common("unset", "data", "dry_run", "json_out")

    def run(
        ident: str,
        unset: list[str] | None,
        data: Path | None,
        dry_run: bool,
        json_out: bool,
        **rest: Any,
    ) -> None:
        from scenarios.dataset import entries

        root = dataset_to_change(data)
        ds = load_files(root)
        change, edit = entries.plan_edit(ds, root, kind, ident, _values(rest), unset or ())
        _finish(change, edit, dry_run, json_out)

    return _build(run, parameters, f"Change fields of {_a(kind)} in place, keeping its comments.")


def _a(kind: str) -> str:
    if kind == "evidence":  # a mass noun
        return "an evidence item"
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _ask(spec: Field) -> Any:
    choices = f" ({', '.join(spec.choices)})" if spec.choices else ""
    answer = typer.prompt(f"{spec.name}{choices}", err=True)
    return [answer] if spec.holds in (Holds.TEXTS, Holds.IDS) else answer


def _finish(change: "EntryChange", edit: "DatasetEdit", dry_run: bool, json_out: bool) -> None:
    from dataclasses import replace

    from scenarios.cli.output import emit
    from scenarios.render import terminal

    sizes = {}
    if not dry_run and change.diff:
        sizes = edit.write()
        change = replace(change, saved=True)
    if json_out:
        emit("add" if change.action == "added" else "edit", change, True, terminal.entry_change)
    elif dry_run:
        terminal.show(terminal.diff_text(change.diff))
    else:
        terminal.show(terminal.entry_change(change), stderr=True)
    say_written(sizes, edit)


# each command's examples (cli/help.py), run by tests/cli/test_help.py on a copy of the seed
EXAMPLES = {
    "add programme": (
        "scenarios add programme --data data --id example-report-2025-12-14 "
        '--title "An example report" --date 2025-12-14 --publisher "Example News"',
        "scenarios add programme --data data --id another-report --title Another "
        "--date 2025-12-15 --dry-run",
    ),
    "add speaker": (
        'scenarios add speaker --data data --id guest --name "A guest" --role "Former diplomat"',
        "scenarios add speaker --data data --id reporter --name Reporter --name-ja 記者 --dry-run",
    ),
    "add actor": (
        'scenarios add actor --data data --id li-qiang --name "Li Qiang" --name-ja 李強 '
        "--kind official --affiliation China",
        'scenarios add actor --data data --id north-korea --name "North Korea" --kind state '
        "--aliases DPRK --dry-run",
    ),
    "add link": (
        "scenarios add link --data data --source Trump --target プーチン --type negotiates_with "
        "--strength 0.6 --confidence heard --date 2025-12-14",
        "scenarios add link --data data --source japan --target china --type economic_tie "
        '--strength 0.5 --confidence fact --background "trade figures" --dry-run',
    ),
    "add evidence": (
        "scenarios add evidence --data data --link witkoff-putin-moscow "
        '--text "The two met again in Moscow." --speaker kotani '
        "--programme nichiyo-scoop-2025-12-07 --locator ¶14 --grade fact",
        "scenarios add evidence --data data --link witkoff-putin-moscow "
        '--text "A report of the meeting." --cites "a news agency" --dry-run --json',
    ),
    "add signpost": (
        "scenarios add signpost --data data --id trump-putin-summit "
        '--statement "Trump and Putin meet in person" --points-to new-yalta '
        "--bears-on Trump --bears-on Putin",
        "scenarios add signpost --data data --id sanctions-tightened "
        '--statement "New US sanctions on Russia" --against new-yalta --dry-run',
    ),
    "add observation": (
        "scenarios add observation --data data --signpost us-calls-itself-chinas-ally "
        '--text "The line was repeated in a speech." --date 2025-12-05 '
        "--programme nichiyo-scoop-2025-12-07 --grade reported",
        "scenarios add observation --data data --signpost us-calls-itself-chinas-ally "
        '--text "Said again." --date 2025-12-06 --reported 2025-12-07 --cites "a wire report" '
        "--dry-run",
    ),
    "edit programme": (
        'scenarios edit programme nichiyo-scoop-2025-12-07 --data data --publisher "BS Asahi TV"',
        "scenarios edit programme nichiyo-scoop-2025-12-07 --data data --unset title-ja --dry-run",
    ),
    "edit speaker": (
        'scenarios edit speaker kotani --data data --role "Professor of international relations"',
        "scenarios edit speaker kotani --data data --unset role --dry-run",
    ),
    "edit actor": (
        'scenarios edit actor 王毅 --data data --description "China\'s foreign minister"',
        "scenarios edit actor witkoff --data data --aliases Witkoff --aliases ウィトコフ --dry-run",
    ),
    "edit link": (
        "scenarios edit link witkoff-putin-moscow --data data --confidence assessed",
        "scenarios edit link witkoff-putin-moscow --data data --date 2025-12-02 --dry-run --json",
    ),
    "edit signpost": (
        "scenarios edit signpost us-calls-itself-chinas-ally --data data "
        '--meaning "the strategy, in Craft\'s reading"',
        "scenarios edit signpost us-calls-itself-chinas-ally --data data --unset meaning --dry-run",
    ),
}
# the groups' own help ends with one example of two of their commands (run with those commands)
GROUP_EXAMPLES = {
    "add": (EXAMPLES["add link"][0], EXAMPLES["add evidence"][0]),
    "edit": (EXAMPLES["edit link"][0], EXAMPLES["edit actor"][0]),
}

# the commands of each group, by kind, in the order its help lists them
KINDS = {"add": tuple(ENTRY_KINDS), "edit": EDIT_KINDS}
ADDERS = {kind: examples(*EXAMPLES[f"add {kind}"])(_add_command(kind)) for kind in KINDS["add"]}
EDITORS = {kind: examples(*EXAMPLES[f"edit {kind}"])(_edit_command(kind)) for kind in KINDS["edit"]}


def command(group: str, kind: str) -> "ClickCommand":
    """The click command `scenarios GROUP KIND` (`add link`), built by typer."""
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    function = (ADDERS if group == "add" else EDITORS)[kind]
    info = CommandInfo(name=kind, cls=Command, epilog=epilog(function), callback=function)
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)


def group_epilog(group: str) -> str | None:
    """The end of `scenarios GROUP --help`: an example of two of its commands."""
    return epilog(examples(*GROUP_EXAMPLES[group])(lambda: None))
