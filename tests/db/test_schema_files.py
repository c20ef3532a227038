"""supabase/schema/ is the server as the migrations leave it: generated, current, regenerable."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from backend.cli import main
from backend.schema import SCHEMA_DIR, generate, pg_dump, read, render, stale, write
from fieldapp.errors import FieldSalesError


def test_the_committed_schema_is_what_the_migrations_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "schema", "--out", str(tmp_path)]) == 0
    assert f"changed in {tmp_path}" in capsys.readouterr().out
    generated = read(tmp_path)
    behind = stale(generated)
    assert not behind, (
        f"supabase/schema/ is stale ({', '.join(behind)}): run `fieldsales db schema` and commit"
    )
    # what a reader finds there: a function with its grants, a table's switch and policies
    staff = generated["functions/private.staff_customer_ids.sql"]
    assert "CREATE FUNCTION private.staff_customer_ids()" in staff
    assert "GRANT ALL ON FUNCTION private.staff_customer_ids() TO authenticated;" in staff
    visits = generated["policies/visits.sql"]
    assert visits.index("ENABLE ROW LEVEL SECURITY") < visits.index("CREATE POLICY")
    assert '"Reps can record visits to their customers"' in visits
    assert "Dumped" not in generated["schema.sql"] and "OWNER TO" not in generated["schema.sql"]


def test_functions_and_policies_read_the_same_on_the_server_under_test(db_url: str) -> None:
    here = {p: t for p, t in generate(db_url).items() if p != "schema.sql"}
    assert here == {p: t for p, t in read(SCHEMA_DIR).items() if p != "schema.sql"}


def test_a_change_shows_as_stale_and_writing_brings_the_folder_up_to_date(
    db_url: str, tmp_path: Path
) -> None:
    before = generate(db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("create function private.newcomer() returns int language sql as 'select 1'")
        conn.execute('drop policy "Managers can delete areas" on public.areas')
        conn.execute("drop function public.new_contract")
    after = generate(db_url)
    write(before, tmp_path)
    (tmp_path / "notes.sql").write_text("-- mine\n")
    assert stale(after, tmp_path) == [
        "functions/private.newcomer.sql",
        "functions/public.new_contract.sql",
        "notes.sql",
        "policies/areas.sql",
        "schema.sql",
    ]
    write(after, tmp_path)
    assert stale(after, tmp_path) == ["notes.sql"]  # not generated: left alone
    assert not (tmp_path / "functions/public.new_contract.sql").exists()


def test_render_drops_the_noise_that_differs_between_runs_and_machines() -> None:
    dump = (
        "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC123\n\n"
        "-- Dumped from database version 15.20\n-- Dumped by pg_dump version 16.2\n\n"
        "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\n"
        "--\n-- Name: f(); Type: FUNCTION; Schema: private; Owner: -\n--\n\n"
        "CREATE FUNCTION private.f() RETURNS integer\n    LANGUAGE sql\n    AS $$select 1$$;\n\n\n"
        "--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict AbC123\n"
    )
    files = render(dump)
    assert set(files) == {"schema.sql", "functions/private.f.sql"}
    for text in files.values():
        assert not any(w in text for w in ("Dumped", "restrict", "SET ", "set_config", "\n\n\n"))
    assert files["functions/private.f.sql"].endswith("AS $$select 1$$;\n")


def test_the_command_refuses_a_file_for_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "schema.sql"
    target.write_text("mine")
    assert main(["db", "schema", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is not a folder" in err and "不是文件夹" in err
    assert target.read_text() == "mine"


def test_a_failing_pg_dump_is_one_clear_error() -> None:
    with pytest.raises(FieldSalesError, match=r"pg_dump failed: .*port 1 failed"):
        pg_dump("postgresql://postgres@127.0.0.1:1/nowhere")
