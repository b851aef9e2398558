"""A scratch git repository holding a copy of the seed, for the commands that change a dataset."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scenarios.dataset.loader import seed_path

GIT_USER = ("-c", "user.name=t", "-c", "user.email=t@example.org")


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; its output (a failure fails the test, with git's message)."""
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, *GIT_USER, "add", ".")
    git(repo, *GIT_USER, "commit", "-qm", message)


def diff_lines(repo: Path) -> tuple[list[str], list[str]]:
    """(removed, added) lines of `git diff`, without the +/- and the file headers."""
    lines = git(repo, "diff", "-U0").splitlines()
    removed = [x[1:] for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x[1:] for x in lines if x.startswith("+") and not x.startswith("+++")]
    return removed, added


@pytest.fixture
def seed_repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the seed in data/, committed."""
    shutil.copytree(seed_path(), tmp_path / "data")
    git(tmp_path, "init", "-q")
    commit(tmp_path, "seed")
    return tmp_path
