"""Dataset files -> `Dataset`: finds the data, parses YAML with line numbers, validates.

The only module that reads YAML. A dataset is a directory of `*.yaml` files and bulk files
(`*.csv`, `*.jsonl`, see `scenarios.dataset.bulk`), read in sorted order with sections merged, or a
single such file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from scenarios.config import DATA_ENV
from scenarios.dataset import bulk
from scenarios.dataset.validate import Document, Warnings, build_dataset
from scenarios.errors import DataError, Problem
from scenarios.memory import gc_paused
from scenarios.model import Dataset

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, *bulk.BULK_SUFFIXES)


class LineMapping(dict[Any, Any]):
    """A dict that remembers the line it and each of its keys started on (1-based)."""

    line: int | None = None
    key_lines: dict[str, int]

    def __init__(self) -> None:
        super().__init__()
        self.key_lines = {}


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]  # the base class is chosen at import time
    """Safe YAML loader (C-accelerated when libyaml is present) that records lines."""

    duplicates: list[tuple[str, int]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMapping:
    loader.flatten_mapping(node)
    mapping = LineMapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.duplicates.append((str(key), line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = line
    return mapping


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """Dates YAML recognises; an impossible one (2025-13-01) stays text for the validator."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its value and any problems (syntax, duplicate keys)."""
    loader = _Loader(text)
    loader.duplicates = []
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = err.problem or err.context or "malformed YAML"
        return None, [
            Problem(
                file,
                f"malformed YAML: {reason}",
                line=line,
                hint="check the indentation and quoting on that line",
            )
        ]
    except yaml.YAMLError as err:
        return None, [Problem(file, f"malformed YAML: {err}")]
    finally:
        loader.dispose()
    problems = [
        Problem(
            file, f"key '{key}' appears twice in one entry", line=line, hint="remove one of them"
        )
        for key, line in loader.duplicates
    ]
    return value, problems


def seed_path() -> Path:
    """Where the bundled seed dataset lives: inside the installed package, or the checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_seed"  # placed there by the wheel build
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def default_data_path() -> Path:
    """`$SCENARIOS_DATA` if set, else the seed dataset."""
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else seed_path()


def dataset_files(path: Path) -> Iterator[Path]:
    """The YAML and bulk files that make up the dataset at `path`, in a stable order."""
    if path.is_file():
        yield path
        return
    for file in sorted(path.rglob("*")):
        if file.suffix in DATA_SUFFIXES and file.is_file():
            yield file


def load_dataset(
    path: Path | None = None,
    *,
    warnings: Warnings | None = None,
    texts: Mapping[Path, str] | None = None,
    name: str | None = None,
) -> Dataset:
    """Read and validate the dataset at `path` (default: `default_data_path()`).

    With `warnings`, what is valid but doubtful is appended to it (`validate.build_dataset`).
    `texts`: YAML files' contents to use instead of what is on disk (files not written yet
    included), so an edit is validated before anything is written (`dataset.edit`). `name`:
    what messages call the dataset's directory (`HEAD~1:data`) instead of its path.
    """
    path = path if path is not None else default_data_path()
    label_root = path if path.is_dir() else path.parent
    texts = texts or {}
    if not path.exists():
        raise DataError(
            [
                Problem(
                    str(path),
                    "no such file or directory",
                    hint=f"point --data or ${DATA_ENV} at a dataset directory",
                )
            ]
        )
    documents: list[Document] = []
    problems: list[Problem] = []
    files = sorted({*dataset_files(path), *(f for f in texts if _within(f, path))})
    if not files:
        raise DataError(
            [
                Problem(
                    str(path),
                    "contains no .yaml, .csv or .jsonl files",
                    hint="see docs/data-format.md",
                )
            ]
        )
    for file in files:
        label = _named(name, file.relative_to(label_root)) if name else _label(file, label_root)
        if bulk.is_bulk(file):
            problem = bulk.name_problem(file, label)
            if problem is not None:
                problems.append(problem)
            else:
                documents.append(bulk.read_document(file, label))
            continue
        try:
            text = texts[file] if file in texts else file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(label, f"cannot be read: {err}"))
            continue
        if not text.strip():
            problems.append(
                Problem(
                    label,
                    "file is empty",
                    hint="add an `actors:` or `links:` section, or delete it",
                )
            )
            continue
        value, found = parse_yaml(text, label)
        problems.extend(found)
        if found and value is None:
            continue
        documents.append(Document(label, value, 1))
    with gc_paused():
        return build_dataset(documents, origin=str(path), problems=problems, warnings=warnings)


def _named(name: str, relative: Path) -> str:
    return f"{name}{'' if name.endswith(':') else '/'}{relative.as_posix()}"


def _within(file: Path, path: Path) -> bool:
    return file == path or (path.is_dir() and file.suffix in YAML_SUFFIXES and path in file.parents)


def _label(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(Path(root.name) / file.relative_to(root))
        except ValueError:
            return str(file)
