"""Debian packages some export tests need (Chromium, Graphviz, a Japanese font).

The test set-up installs a missing one with apt-get when it can (root, apt-get present); when
it truly cannot, the test is skipped and says why.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest

APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
APT_LOCK = ["-o", "DPkg::Lock::Timeout=600"]  # other test runs may be installing too


@functools.cache
def _install(package: str) -> str | None:
    """Install a Debian package; None on success, else the reason it could not be."""
    if not shutil.which("apt-get"):
        return "apt-get is not available"
    if os.geteuid() != 0:
        return "installing needs root"
    install = ["apt-get", *APT_LOCK, "install", "-y", "--no-install-recommends", package]
    result = subprocess.run(install, env=APT_ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:  # the package lists may be missing or stale
        subprocess.run(
            ["apt-get", *APT_LOCK, "update"], env=APT_ENV, capture_output=True, check=False
        )
        result = subprocess.run(install, env=APT_ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(no output)"]
        return f"apt-get install {package} failed: {tail[0]}"
    return None


def require_program(program: str, package: str) -> str:
    """The path of `program`, installing `package` first if needed; skips when impossible."""
    found = shutil.which(program)
    if found:
        return found
    reason = _install(package)
    found = shutil.which(program)
    if found:
        return found
    pytest.skip(f"{program} ({package}) is not installed and cannot be installed: {reason}")


def require_package_file(path: str, package: str) -> Path:
    """A file a package provides (e.g. a font), installing the package if needed."""
    if not Path(path).exists():
        reason = _install(package)
        if not Path(path).exists():
            pytest.skip(f"{path} ({package}) is missing and cannot be installed: {reason}")
    return Path(path)
