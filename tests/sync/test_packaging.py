"""The phone's store and sync code stays packable: nothing server-only at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

ALLOWED = {
    "__future__",
    "collections",
    "contextlib",
    "dataclasses",
    "datetime",
    "decimal",
    "functools",
    "json",
    "logging",
    "pathlib",
    "random",
    "re",
    "sqlite3",
    "threading",
    "time",
    "typing",
    "unicodedata",
    "uuid",
    "fieldapp",
}
LAZY = {"psycopg", "supabase", "supabase_auth", "postgrest", "httpx", "pypinyin"}


def _module_level_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:  # top level only; `if TYPE_CHECKING:` blocks are skipped
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(node.module or "")
    return found


def test_store_and_sync_import_only_the_standard_library_at_module_level() -> None:
    files = sorted((ROOT / "fieldapp" / "store").glob("*.py")) + sorted(
        (ROOT / "fieldapp" / "sync").glob("*.py")
    )
    bad = [
        (f.name, m)
        for f in files
        for m in _module_level_imports(f)
        if m.split(".")[0] not in ALLOWED
    ]
    assert bad == []


def test_importing_every_module_loads_no_server_library() -> None:
    code = (
        "import sys, fieldapp.store, fieldapp.store.customers, fieldapp.store.visits,"
        " fieldapp.sync, fieldapp.sync.engine, fieldapp.sync.pg_remote,"
        " fieldapp.sync.supabase_remote\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(LAZY)!r}"
        " or m.split('.')[0] in ('pandas', 'backend', 'folium', 'flet'))\n"
        "print(loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
