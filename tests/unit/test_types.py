"""mypy, strict, over the phone's domain, store, sync and services ([tool.mypy] in pyproject.toml).

CI runs only pytest, so the type check runs here. Its cache lives in the system's temporary
folder, so a rerun checks only what changed (about 1 s warm, 5 s cold on this machine).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT

CACHE = Path(tempfile.gettempdir()) / "fieldsales-mypy-cache"


def test_mypy_strict_finds_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(CACHE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout
