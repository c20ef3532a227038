"""The `fieldsales` command end to end, as a user runs it (a subprocess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg

from backend.importer import read_workbook
from backend.importer.upsert import ORDER
from tests.conftest import ROOT

# a finished phase on stderr when it is not a terminal: name, seconds, [rows, [rows/s]]
PHASE = re.compile(r"^  (\S.*?)\s+(\d+\.\d\d) s(?:\s+([\d,]+) rows(?:\s+[\d,]+ rows/s)?)?$")


def fieldsales(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    for args in (
        ["db", "migrate"],
        ["demo", "--no-ui"],
        ["import", str(ROOT / "docs" / "example-workbook.xlsx")],
    ):
        done = fieldsales(*args, url="postgresql://postgres@127.0.0.1:1/nowhere")
        assert done.returncode == 1, done
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "无法连接数据库" in lines[0] and "Cannot connect to the database" in lines[0]
        assert "127.0.0.1:1" in lines[0]


def test_demo_no_ui_on_an_empty_database(empty_db_url: str) -> None:
    done = fieldsales("demo", "--no-ui", url=empty_db_url)
    assert done.returncode == 0, done.stderr
    assert "data ready" in done.stdout
    with psycopg.connect(empty_db_url) as conn:
        dealers = conn.execute("select count(*) from customers where tier = 1").fetchone()[0]
        outlets = conn.execute("select count(*) from customers where tier > 1").fetchone()[0]
        reps = conn.execute("select count(*) from profiles where role = 'rep'").fetchone()[0]
    assert 30 <= dealers <= 60 and 400 <= outlets <= 900 and 4 <= reps <= 10
    assert f"dealers {dealers:>9}".replace(" ", "") in done.stdout.replace(" ", "")
    # the phases on stderr: generation, the import's, the seeding and the evaluation
    names = [p[0] for p in _phases(done.stderr)]
    for phase in ("generate", "validate", "stage shipments", "merge customers", "seed meetings"):
        assert phase in names
    assert names[-4:] == ["classify", "evaluate", "plan today's routes", "合计 | total"]
    # every rep has an approved route for today: up to six of their own outlets, in route order
    plans_sql = (
        "select p.rep_id, p.status, count(*), bool_and(c.owner_id = p.rep_id),"
        " bool_and(s.visit_date = private.company_today()), array_agg(s.seq order by s.seq)"
        " from visit_plans p join visit_plan_stops s on s.plan_id = p.id"
        " join customers c on c.id = s.customer_id group by p.rep_id, p.status"
    )
    with psycopg.connect(empty_db_url) as conn:
        plans = conn.execute(plans_sql).fetchall()
    assert len(plans) == reps
    for _rep, status, n, own, today, seqs in plans:
        assert status == "approved" and 1 <= n <= 6 and own and today
        assert seqs == list(range(1, n + 1))
    # a second run finds the data and does not import or plan again
    again = fieldsales("demo", "--no-ui", url=empty_db_url)
    assert again.returncode == 0 and "generating" not in again.stdout
    assert [p[0] for p in _phases(again.stderr)] == [
        "migrate",
        "classify",
        "evaluate",
        "plan today's routes",
        "合计 | total",
    ]
    with psycopg.connect(empty_db_url) as conn:
        assert (
            conn.execute("select count(*) from customers where tier = 1").fetchone()[0] == dealers
        )
        assert conn.execute(plans_sql).fetchall() == plans


def test_import_command_good_bad_and_dry_run(empty_db_url: str, tmp_path: Path) -> None:
    example = str(ROOT / "docs" / "example-workbook.xlsx")
    dry = fieldsales("import", example, "--dry-run", url=empty_db_url)
    assert dry.returncode == 0, dry.stderr
    with psycopg.connect(empty_db_url) as conn:
        assert conn.execute("select count(*) from customers").fetchone()[0] == 0
    ok = fieldsales("import", example, url=empty_db_url)
    assert ok.returncode == 0, ok.stderr
    assert "customers" in ok.stdout
    missing = fieldsales("import", str(tmp_path / "nope.xlsx"), url=empty_db_url)
    assert missing.returncode == 2
    assert "文件不存在" in missing.stderr and "file not found" in missing.stderr
    assert "Traceback" not in missing.stderr


def _phases(stderr: str) -> list[tuple[str, float, int | None]]:
    """The phase lines of stderr, in order; every line of it must be one."""
    found = []
    for line in stderr.splitlines():
        m = PHASE.match(line)
        assert m, f"not a phase line: {line!r}"
        rows = int(m[3].replace(",", "")) if m[3] else None
        found.append((m[1], float(m[2]), rows))
    return found


def test_import_lists_each_phase_with_its_time(empty_db_url: str) -> None:
    example = ROOT / "docs" / "example-workbook.xlsx"
    dry = fieldsales("import", str(example), "--dry-run", url=empty_db_url)
    assert dry.returncode == 0, dry.stderr
    assert [p[0] for p in _phases(dry.stderr)] == [
        "migrate",
        "read workbook",
        "validate",
        "合计 | total",
    ]

    ok = fieldsales("import", str(example), url=empty_db_url)
    assert ok.returncode == 0, ok.stderr
    phases = _phases(ok.stderr)
    sheets = [name for name in ORDER if name in read_workbook(example)]
    expected = ["migrate", "read workbook", "validate", "locate places"]
    for name in sheets:
        # the staff are merged before the customers they own, the dealers' logins after
        expected += ["stage users", "merge staff"] if name == "customers" else []
        expected += [] if name == "users" else [f"stage {name}"]
        # new months' lines are attached before the rest is merged (docs/data-format.md)
        expected += ["attach shipment months"] if name == "shipments" else []
        expected += [f"merge {name}"]
        expected += ["link customer owners"] if name == "users" else []
    tail = ["places", "analyze", "classify", "evaluate", "合计 | total"]
    assert [p[0] for p in phases] == [*expected, *tail]
    # each sheet's stage and merge count the rows the import reports for it on stdout
    reported = {m[1]: int(m[2]) for m in re.finditer(r"^  (\w+)\s+(\d+) rows", ok.stdout, re.M)}
    assert reported and set(reported) == set(sheets)
    by_name = {name: rows for name, _, rows in phases}
    for name in sheets:
        assert by_name[f"stage {name}"] == by_name[f"merge {name}"] == reported[name]
    assert by_name["attach shipment months"] == reported["shipments"]  # an empty database
    assert by_name["read workbook"] >= sum(reported.values())
    assert by_name["classify"] is None  # it counts nothing
    # the total is the whole run's time: at least every phase's
    total = phases[-1][1]
    assert total >= sum(p[1] for p in phases[:-1]) - 0.01 * len(phases)


def test_desktop_without_its_client_says_so_before_any_work() -> None:
    done = fieldsales("demo", "--desktop", url="postgresql://postgres@127.0.0.1:1/nowhere")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "flet-desktop" in done.stderr or "display" in done.stderr
    assert "Traceback" not in done.stderr
