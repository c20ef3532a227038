"""supabase/schema/: the server as the migrations leave it, generated from a migrated database.

The migrations are the history; these files are what a reader opens to see the server as it is
now: `schema.sql` (the whole schema, pg_dump), one file per function (its definition and its
grants) and one per table's row level security (switch and policies). They are generated on a
throwaway embedded PostgreSQL (the version pgserver pins), so they come out the same on every
machine whichever server DATABASE_URL names.
"""

from __future__ import annotations

import re
import subprocess
import warnings
from pathlib import Path

import psycopg

from fieldapp.errors import FieldSalesError

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "supabase" / "schema"
_HEADER = "-- Generated from supabase/migrations by `fieldsales db schema`; do not edit.\n"
# pg_dump's table of contents comment before each object
_SECTION = re.compile(
    r"^--\n-- Name: (?P<name>.*); Type: (?P<type>.*); Schema: (?P<schema>.*); Owner: .*\n--\n",
    re.MULTILINE,
)
# the session settings, the version lines and the \restrict key: noise for a reader, and the
# version lines and the key change from run to run or machine to machine
_NOISE = re.compile(
    r"^(SET \w+ = .*|SELECT pg_catalog\.set_config\('search_path'.*|\\(un)?restrict .*"
    r"|-- Dumped (from|by) .*|-- PostgreSQL database dump( complete)?)\n",
    re.MULTILINE,
)


def pg_dump(url: str, *options: str) -> str:
    """`pg_dump --schema-only` of a database (pgserver's pg_dump: new enough for any server
    from 15 on)."""
    with warnings.catch_warnings():  # pgserver warns about XDG_RUNTIME_DIR when imported
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH

    done = subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_dump"), "--schema-only", *options, url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["?"])[0]
        raise FieldSalesError(f"pg_dump 失败：{reason}", f"pg_dump failed: {reason}")
    return done.stdout


def render(dump: str) -> dict[str, str]:
    """The files of supabase/schema (path relative to it → text) from a pg_dump."""
    dump = _NOISE.sub("", dump).replace("--\n--\n", "")  # and the emptied title block
    dump = re.sub(r"\n{3,}", "\n\n", dump).strip() + "\n"
    files = {"schema.sql": _HEADER + "\n" + dump}
    heads = list(_SECTION.finditer(dump))
    parts: dict[str, list[str]] = {}
    for head, nxt in zip(heads, [*heads[1:], None], strict=True):
        name, kind, schema = head["name"], head["type"], head["schema"]
        body = dump[head.end() : nxt.start() if nxt else len(dump)].strip()
        if kind in ("FUNCTION", "PROCEDURE") or (kind == "ACL" and name.startswith("FUNCTION ")):
            path = f"functions/{schema}.{name.removeprefix('FUNCTION ').split('(')[0]}.sql"
        elif kind in ("POLICY", "ROW SECURITY"):
            table = name.split(" ")[0]
            path = f"policies/{table if schema == 'public' else f'{schema}.{table}'}.sql"
        else:
            continue
        bodies = parts.setdefault(path, [])
        if kind == "ROW SECURITY":  # the switch before the policies
            bodies.insert(0, body)
        else:
            bodies.append(body)
    for path, bodies in parts.items():
        files[path] = _HEADER + "\n" + "\n\n".join(bodies) + "\n"
    return files


def generate(url: str) -> dict[str, str]:
    """The files of supabase/schema for the (migrated) database at url."""
    return render(pg_dump(url, "--no-owner", "--exclude-schema=supabase_migrations"))


def generate_from_migrations() -> dict[str, str]:
    """The files of supabase/schema for the migrations as they are, on a throwaway server."""
    from backend.db import scratch_embedded
    from backend.migrate import migrate

    with scratch_embedded() as url:
        with psycopg.connect(url, autocommit=True) as conn:
            migrate(conn)
        return generate(url)


def read(folder: Path = SCHEMA_DIR) -> dict[str, str]:
    """The generated files as they are on disk."""
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.sql"))
    }


def write(files: dict[str, str], folder: Path = SCHEMA_DIR) -> None:
    """Write the files and delete the generated ones that are generated no more."""
    for path, text in read(folder).items():
        if path not in files and text.startswith(_HEADER):
            (folder / path).unlink()
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


def stale(files: dict[str, str], folder: Path = SCHEMA_DIR) -> list[str]:
    """The paths whose file on disk differs from the generated one (missing, extra, changed)."""
    on_disk = read(folder)
    return sorted(p for p in set(files) | set(on_disk) if files.get(p) != on_disk.get(p))
