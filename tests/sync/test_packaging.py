"""The phone's app stays packable: its store and sync code load nothing server-only at import time,
and what `flet build` packs ([project].dependencies) is exactly what fieldapp imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

from tests.conftest import ROOT

ALLOWED = {
    "__future__",
    "bisect",
    "collections",
    "contextlib",
    "concurrent",
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
    "weakref",
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
        " fieldapp.store.plans, fieldapp.store.orders, fieldapp.store.warnings,"
        " fieldapp.store.preferences,"
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


# Imported lazily by the desktop's direct-PostgreSQL remote and the demo's sign-in list; a phone
# signs in through Supabase and never loads it, so it is a server dependency.
DESKTOP_ONLY = {"psycopg"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement: 'psycopg[binary]>=3' -> 'psycopg'."""
    found = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert found, requirement
    return re.sub(r"[-_.]+", "-", found.group()).lower()


def _all_imports(path: Path) -> set[str]:
    """Top-level names of every absolute import in a file, lazy ones included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_phones_dependencies_are_exactly_what_the_app_imports() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    phone = {_name(r) for r in project["dependencies"]}
    server = {_name(r) for r in project["optional-dependencies"]["server"]}
    imported = set().union(*(_all_imports(f) for f in (ROOT / "fieldapp").rglob("*.py")))
    third_party = imported - set(sys.stdlib_module_names) - {"fieldapp"}
    dists = packages_distributions()
    needed = {_name(d) for m in third_party - DESKTOP_ONLY for d in dists.get(m, [m])}
    # what the phone's packages bring along (supabase brings httpx and supabase-auth)
    brought = {_name(r) for p in phone for r in requires(p) or [] if "extra ==" not in r}
    assert sorted(phone - needed) == []  # nothing packed that the app never imports
    assert sorted(needed - phone - brought) == []  # nothing imported that is not packed
    assert sorted(phone & server) == []
    assert {_name(d) for m in DESKTOP_ONLY for d in dists[m]} <= server
