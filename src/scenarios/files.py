"""Whole-or-nothing writes: a file appears complete or not at all, and none is replaced unasked.

Each file is written to a temporary file beside it, flushed to disk, and only then renamed over
its path (atomic on POSIX and Windows); a failure or an interrupt removes the temporaries and
leaves every old file as it was. Failures become `OutputError` (exit 7), naming the file.

A path that exists, or is a symbolic link (even to nothing), is refused unless `force`; with
`force` the link itself is replaced, never the file it points to. Temporary files are named
`.NAME.HOST-PID.RANDOM.tmp` (HOST: 6 hex digits of the machine's name); a process killed
outright (`kill -9`) cannot remove its own, so before writing into a directory the first time,
a process removes the ones of ours that no process owns any more: same machine and a PID
that no longer runs, or another machine's older than a day; and temporaries of earlier
versions (`.NAME.RANDOM.tmp`) of a file being written or already there, older than an hour.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import platform
import re
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from scenarios.errors import OutputError

_HOST = hashlib.sha256(platform.node().encode("utf-8")).hexdigest()[:6]
_OURS = re.compile(r"^\..+\.(?P<host>[0-9a-f]{6})-(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp$")
_EARLIER = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # before PID and host were named
_OTHER_HOST_AGE = 86_400.0  # seconds: another machine's temporary is stale after a day
_EARLIER_AGE = 3_600.0  # an earlier version's temporary after an hour
_NAME_LIMIT = 120  # characters of the final name a temporary's name repeats
_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
_cleaned: set[Path] = set()  # directories whose stale temporaries this process removed


def symlink_target(path: Path) -> str | None:
    """What a symbolic link is (`a symbolic link to a missing file (gone.graphml)`); None if
    `path` is no link."""
    if not path.is_symlink():
        return None
    target = path.readlink()
    if path.exists():
        return f"a symbolic link to {target}"
    return f"a symbolic link to a missing file ({target})"


def refuse_to_overwrite(paths: Iterable[Path], force: bool) -> None:
    """Fail, naming the first of `paths` that exists or is a symbolic link, unless `force`."""
    existing = [p for p in paths if os.path.lexists(p)]
    if not existing or force:
        return
    more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
    target = symlink_target(existing[0])
    if target is not None:
        raise OutputError(
            f"{existing[0]} is {target}{more}",
            hint="add --force to replace the link itself (the file it points to is never written)",
        )
    raise OutputError(f"{existing[0]} already exists{more}", hint="add --force to overwrite")


def refuse_links(paths: Iterable[Path]) -> None:
    """Fail, naming the first of `paths` that is a symbolic link: a file rewritten in place
    (a dataset file `add`, `edit` or `pull` changes) would replace the link, not its target."""
    for path in paths:
        target = symlink_target(path)
        if target is not None:
            raise OutputError(
                f"{path} is {target}: rewriting it would replace the link, not the file it "
                "points to; nothing was written",
                hint="point --data at the files themselves, or replace the link with its file",
            )


def write_atomic(path: Path, content: bytes) -> None:
    """Write `content` to `path` whole or not at all."""
    try:
        _write_beside({path: (content,)}, text=False)
    except OSError as err:
        raise _failed(err, path, "or choose another path") from None


def write_all(files: Mapping[Path, Iterable[str]], *, force: bool = False) -> dict[Path, int]:
    """Write each file's text whole or not at all, and all of them or none; returns sizes.

    Each file is streamed into its temporary file; only when every one is complete are they
    renamed into place. Existing files are kept unless `force`.
    """
    refuse_to_overwrite(files, force)
    try:
        return _write_beside(files, text=True)
    except OSError as err:
        raise _failed(err, None, "or choose another directory") from None


def _failed(err: OSError, path: Path | None, elsewhere: str) -> OutputError:
    where = err.filename or path or "the files"
    reason = (err.strerror or str(err)).lower()
    if err.errno in _FULL:
        hint = f"free space on that disk, {elsewhere}; nothing was kept"
    else:
        hint = f"check that the directory can be written, {elsewhere}; nothing was kept"
    return OutputError(f"cannot write {where}: {reason}", hint=hint)


def _write_beside(files: Mapping[Path, Iterable[Any]], *, text: bool) -> dict[Path, int]:
    """Write every file beside its path, then rename them all into place.

    Errors are raised as they are, with the file's path when the system gave none (a full
    disk fails a `write`, which names no file).
    """
    temporaries: dict[Path, Path] = {}
    sizes: dict[Path, int] = {}
    current: Path | None = None
    try:
        for path, chunks in files.items():
            current = path
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(path.parent, {p.name for p in files})
            prefix = f".{path.name[:_NAME_LIMIT]}.{_HOST}-{os.getpid()}."
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
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
            current = path
            temporary.replace(path)
    except OSError as err:
        _remove(temporaries.values())
        if err.filename is None and current is not None:
            raise OSError(err.errno, err.strerror, str(current)) from err
        raise
    except BaseException:
        _remove(temporaries.values())
        raise
    return sizes


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def remove_stale_temporaries(directory: Path, writing: Iterable[str] = ()) -> list[str]:
    """Remove the temporary files of ours in `directory` that no process will finish.

    Once per directory and process; `writing`: names about to be written there. Returns the
    names removed.
    """
    if directory in _cleaned:
        return []
    _cleaned.add(directory)
    names = set(writing)
    removed: list[str] = []
    now = time.time()
    try:
        with os.scandir(directory) as listing:
            entries = [e for e in listing if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        ours = _OURS.match(entry.name)
        if ours is not None:
            stale = (
                not _running(int(ours["pid"])) if ours["host"] == _HOST else age > _OTHER_HOST_AGE
            )
        else:
            earlier = _EARLIER.match(entry.name)
            stale = (
                earlier is not None
                and age > _EARLIER_AGE
                and (earlier["name"] in names or (directory / earlier["name"]).exists())
            )
        if stale:
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    """Whether a process of that id runs on this machine (on Windows: assume it does)."""
    if os.name == "nt" or pid == os.getpid():
        return True  # os.kill(pid, 0) would end a process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to another user
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
