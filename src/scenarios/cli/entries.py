"""`add` and `edit`: enter evidence without hand-editing YAML.

Each kind of entry (`add link`, `add evidence`, `edit actor`, ...) is a command whose flags are
made from the format's table (`scenarios.dataset.fields`): one flag per field, named as its
YAML key (`--name-ja` and `--name_ja` both work), so a field added to the format becomes a
flag with no code here. The work is `scenarios.dataset.entries`'.

No `from __future__ import annotations`: typer evaluates every option's annotation.
"""

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scenarios.cli.help import Command, epilog, examples
from scenarios.cli.options import JsonOption
from scenarios.config import DATA_ENV
from scenarios.dataset.fields import EDIT_KINDS, ENTRY_KINDS, TABLES, Field, Holds
from scenarios.errors import UsageError

if TYPE_CHECKING:
    from scenarios.dataset.edit import DatasetEdit
    from scenarios.dataset.entries import EntryChange

add_app = typer.Typer(
    name="add",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Add a programme, speaker, actor, link, evidence item, signpost or observation to a "
    "YAML dataset.\n\n"
    "Names resolve as elsewhere (id, name, Japanese name, alias); the whole dataset is "
    "validated before anything is written, and the file keeps its comments and layout. "
    "Missing required values are asked for on a terminal. Exit 2: a value is wrong (nothing "
    "written).",
)
edit_app = typer.Typer(
    name="edit",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Change fields of a link, actor, speaker, programme or signpost in place (regrade, "
    "redate).",
)

FileOption = Annotated[
    Path | None,
    typer.Option(
        "--file",
        metavar="FILE",
        help="YAML file of the dataset to add to [default: the last file with the section].",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the diff of the files; write nothing.")
]
WriteDataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar=DATA_ENV,
        metavar="PATH",
        help="Dataset directory or YAML file to change (required; the bundled seed is never "
        "changed).",
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


def _common(*pairs: tuple[str, Any, Any]) -> list[inspect.Parameter]:
    return [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in pairs
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
    parameters += _common(
        ("data", WriteDataOption, None),
        ("file", FileOption, None),
        ("dry_run", DryRunOption, False),
        ("json_out", JsonOption, False),
    )

    def run(
        data: Path | None, file: Path | None, dry_run: bool, json_out: bool, **rest: Any
    ) -> None:
        from scenarios.dataset import entries

        root = dataset_to_change(data)
        ds = _load(root)
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
    parameters += _common(
        ("unset", UnsetOption, None),
        ("data", WriteDataOption, None),
        ("dry_run", DryRunOption, False),
        ("json_out", JsonOption, False),
    )

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
        change, edit = entries.plan_edit(_load(root), root, kind, ident, _values(rest), unset or ())
        _finish(change, edit, dry_run, json_out)

    return _build(run, parameters, f"Change fields of {_a(kind)} in place, keeping its comments.")


def _a(kind: str) -> str:
    if kind == "evidence":  # a mass noun
        return "an evidence item"
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def dataset_to_change(data: Path | None) -> Path:
    if data is None:
        raise UsageError(
            "say which dataset to change",
            hint="give --data DIR (or set $SCENARIOS_DATA); the bundled seed is not changed",
        )
    return data


def _load(root: Path) -> Any:
    from scenarios.cli.options import load_files

    return load_files(root)


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


def say_written(sizes: "dict[Path, int]", edit: "DatasetEdit") -> None:
    """`wrote data/links.yaml (41.2 kB)` on stderr for each file written, as `export` says."""
    for path, size in sorted(sizes.items()):
        typer.echo(f"wrote {edit.name(path)} ({size / 1000:.1f} kB)", err=True)


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
ADDERS = {kind: examples(*EXAMPLES[f"add {kind}"])(_add_command(kind)) for kind in ENTRY_KINDS}
EDITORS = {kind: examples(*EXAMPLES[f"edit {kind}"])(_edit_command(kind)) for kind in EDIT_KINDS}
for _group, _commands in ((add_app, ADDERS), (edit_app, EDITORS)):
    _group.info.epilog = epilog(examples(*GROUP_EXAMPLES[str(_group.info.name)])(lambda: None))
    for _kind, _command in _commands.items():
        _group.command(_kind, cls=Command, epilog=epilog(_command))(_command)
