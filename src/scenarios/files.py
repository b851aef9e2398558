"""Whole-or-nothing writes: a file appears complete or not at all, and none is overwritten unasked.

Each file is written to a temporary file beside it, flushed to disk, and only then renamed over
its path (atomic on POSIX and Windows); a failure or an interrupt removes the temporaries and
leaves every old file as it was. Failures become `OutputError` (exit 7).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from scenarios.errors import OutputError


def refuse_to_overwrite(paths: Iterable[Path], force: bool) -> None:
    """Fail, naming the first of `paths` that exists, unless `force`."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise OutputError(f"{existing[0]} already exists{more}", hint="add --force to overwrite")


def write_atomic(path: Path, content: bytes) -> None:
    """Write `content` to `path` whole or not at all."""
    try:
        _write_beside({path: (content,)}, text=False)
    except OSError as err:
        raise OutputError(
            f"cannot write {path}: {err.strerror or err}",
            hint="check that the directory can be written, or choose another path",
        ) from None


def write_all(files: Mapping[Path, Iterable[str]], *, force: bool = False) -> dict[Path, int]:
    """Write each file's text whole or not at all, and all of them or none; returns sizes.

    Each file is streamed into its temporary file; only when every one is complete are they
    renamed into place. Existing files are kept unless `force`.
    """
    refuse_to_overwrite(files, force)
    try:
        return _write_beside(files, text=True)
    except OSError as err:
        raise OutputError(
            f"cannot write {err.filename or 'the files'}: {err.strerror or err}"
        ) from None


def _write_beside(files: Mapping[Path, Iterable[Any]], *, text: bool) -> dict[Path, int]:
    """Write every file beside its path, then rename them all into place; errors raised as is."""
    temporaries: dict[Path, Path] = {}
    sizes: dict[Path, int] = {}
    try:
        for path, chunks in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temporaries[path] = Path(name)
            stream: IO[Any] = (
                os.fdopen(handle, "w", encoding="utf-8", newline="")
                if text
                else os.fdopen(handle, "wb")
            )
            with stream:
                for chunk in chunks:
                    stream.write(chunk)
                stream.flush()
                os.fsync(stream.fileno())
                sizes[path] = stream.tell()
            Path(name).chmod(0o666 & ~_umask())  # mkstemp makes it private; files are not
        for path, temporary in temporaries.items():
            temporary.replace(path)
    except BaseException:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    return sizes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
