"""The docs are the spec: an independent re-derivation agrees with what `depends` prints.

checks/rederive.py was written by a reviewer from the README and docs/ alone (never src/): it
recomputes every number the commands print on the seed and compares it with their `--json`.
The whole run (every command, about 3 minutes) is `python checks/rederive.py .`; the suite
runs its `depends` part (some 3,900 checks: pairs, channels, scores, base scores, groups,
pivots, scenario changes, tensions, the pair a cut hurts most) on every change.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_depends_numbers_are_derived_from_the_docs_alone() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "checks" / "rederive.py"), str(ROOT), "--only", "depends"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    totals = re.search(r"(\d+) checks: (\d+) agree, (\d+) disagree, (\d+) ambiguous", done.stdout)
    assert totals, done.stdout[-2000:]
    checks, agree, disagree, ambiguous = (int(n) for n in totals.groups())
    assert checks > 3000 and agree == checks and disagree == ambiguous == 0
