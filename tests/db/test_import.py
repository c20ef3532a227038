"""The importer: a good workbook loads, re-import updates, bad workbooks write nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import psycopg
import pytest

from backend.importer import ImportFailed, import_frames, import_workbook
from tests.fixtures import small_frames

TABLES = [
    "areas",
    "profiles",
    "customers",
    "products",
    "contracts",
    "contract_lines",
    "sales_plans",
    "shipments",
    "payments",
    "returns",
    "expenses",
    "expense_budgets",
    "incidents",
    "evaluations",
]


def _counts(conn: psycopg.Connection) -> dict[str, int]:
    return {t: conn.execute(f"select count(*) from public.{t}").fetchone()[0] for t in TABLES}


def _write(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, frame in frames.items():
            frame.to_excel(xl, sheet_name=name, index=False)
    return path


def _set(path: Path, sheet: str, row: int, column: str, value: object) -> None:
    """Put value in the cell under header `column` at Excel row `row`."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    ws.cell(row=row, column=headers.index(column) + 1, value=value)
    wb.save(path)


def test_small_workbook_imports_with_every_sheet(conn: psycopg.Connection, tmp_path: Path) -> None:
    result = import_workbook(conn, _write(small_frames(), tmp_path / "small.xlsx"))
    counts = _counts(conn)
    assert counts == {
        "areas": 2, "profiles": 3, "customers": 3, "products": 2, "contracts": 1,
        "contract_lines": 1, "sales_plans": 1, "shipments": 2, "payments": 1, "returns": 1,
        "expenses": 1, "expense_budgets": 1, "incidents": 1, "evaluations": 1,
    }  # fmt: skip
    assert result.inserted["customers"] == 3
    row = conn.execute(
        "select c.tier, p.code, o.email, c.hot_brands, c.lat, a.code from customers c"
        " left join customers p on p.id = c.parent_id join profiles o on o.id = c.owner_id"
        " join areas a on a.id = c.area_id where c.code = 'S001'"
    ).fetchone()
    assert row == (2, "D001", "rep1@example.cn", [], 31.22, "SH")
    assert conn.execute("select hot_brands from customers where code = 'D001'").fetchone()[0] == [
        "康师傅",
        "统一",
    ]
    # amount left blank is quantity x price; given amounts are kept
    amounts = dict(conn.execute("select doc_no, amount::float from shipments").fetchall())
    assert amounts == {"SO-1": 1800.0, "SO-2": 300.0}
    dealer = conn.execute(
        "select c.code from profiles p join customers c on c.id = p.customer_id"
        " where p.email = 'dealer1@example.cn'"
    ).fetchone()
    assert dealer == ("D001",)
    # a profile's id is its auth user's id
    assert (
        conn.execute(
            "select count(*) from profiles p join auth.users u on u.id = p.id and u.email = p.email"
        ).fetchone()[0]
        == 3
    )


def test_reimport_updates_rather_than_duplicates(conn: psycopg.Connection) -> None:
    import_frames(conn, small_frames())
    before = _counts(conn)
    again = import_frames(conn, small_frames())
    assert _counts(conn) == before
    assert sum(again.inserted.values()) == 0
    assert sum(again.updated.values()) == 0  # unchanged rows are not touched
    changed = small_frames()
    changed["customers"].loc[0, "name"] = "上海鑫源食品有限公司"
    changed["customers"].loc[1, "owner_email"] = "boss@example.cn"
    result = import_frames(conn, changed)
    assert result.updated["customers"] == 2  # a name and an owner (set with the row itself)
    assert _counts(conn) == before
    assert (
        conn.execute("select name from customers where code = 'D001'").fetchone()[0]
        == "上海鑫源食品有限公司"
    )
    owner = conn.execute(
        "select p.email from customers c join profiles p on p.id = c.owner_id where c.code = 'S001'"
    ).fetchone()[0]
    assert owner == "boss@example.cn"


def test_a_blank_cell_leaves_an_existing_row_as_it_is(conn: psycopg.Connection) -> None:
    """Blank 在职 does not re-activate a deactivated user, nor a blank status an eliminated
    customer; a new row gets the column's default, a filled cell is applied."""
    import_frames(conn, small_frames())
    conn.execute("update profiles set active = false where email = 'rep1@example.cn'")
    conn.execute("update customers set status = 'eliminated' where code = 'S001'")
    frames = small_frames()
    frames["users"]["active"] = None  # the column is there, the cells are empty
    frames["users"] = pd.concat(
        [frames["users"], pd.DataFrame([{"email": "rep2@example.cn", "full_name": "周强",
                                         "role": "rep", "area_code": "SH", "active": None}])]
    )  # fmt: skip
    frames["customers"]["status"] = None
    import_frames(conn, frames)
    active = dict(conn.execute("select email, active from profiles").fetchall())
    assert active["rep1@example.cn"] is False and active["rep2@example.cn"] is True
    assert active["boss@example.cn"] is True
    status = dict(conn.execute("select code, status from customers").fetchall())
    assert status["S001"] == "eliminated" and status["D001"] == "active"
    frames["users"]["active"] = [None, "是", None, None]  # 在职: yes, for rep1
    import_frames(conn, frames)
    assert conn.execute(
        "select active from profiles where email = 'rep1@example.cn'"
    ).fetchone() == (True,)


def test_chinese_sheet_and_column_names_are_accepted(conn: psycopg.Connection) -> None:
    from backend.importer.spec import SHEETS_BY_NAME

    frames = {}
    for name, frame in small_frames().items():
        sheet = SHEETS_BY_NAME[name]
        frames[sheet.zh] = frame.rename(columns={c.name: c.zh for c in sheet.cols})
    frames["客户"]["层级"] = ["经销商", "二批", "零售终端"]
    import_frames(conn, frames)
    assert conn.execute("select code, tier from customers order by tier").fetchall() == [
        ("D001", 1),
        ("S001", 2),
        ("R001", 3),
    ]


def test_bad_workbook_lists_every_problem_and_writes_nothing(
    conn: psycopg.Connection, tmp_path: Path
) -> None:
    frames = small_frames()
    path = _write({k: v for k, v in frames.items() if k != "products"}, tmp_path / "bad.xlsx")
    _set(path, "shipments", 2, "quantity", -3)  # negative quantity
    _set(path, "shipments", 3, "shipped_on", "next tuesday")  # wrong type
    _set(path, "payments", 2, "amount", "一千")  # wrong type
    _set(path, "customers", 3, "parent_code", "NOPE")  # unknown parent customer
    _set(path, "customers", 2, "lat", 95)  # bad coordinates
    _set(path, "customers", 4, "code", "D001")  # duplicate code
    _set(path, "customers", 2, "phone", "call me")
    with pytest.raises(ImportFailed) as failed:
        import_workbook(conn, path)
    found = {(p.sheet, p.row, p.column) for p in failed.value.problems}
    assert found >= {
        ("products", None, None),  # missing sheet
        ("shipments", 2, "quantity"),
        ("shipments", 3, "shipped_on"),
        ("payments", 2, "amount"),
        ("customers", 3, "parent_code"),
        ("customers", 2, "lat"),
        ("customers", 4, "code"),
        ("customers", 2, "phone"),
    }
    # shipments and plans name SKUs that exist nowhere (the products sheet is missing)
    assert ("shipments", 2, "sku") in found
    for p in failed.value.problems:
        assert p.zh and p.en
    assert all(n == 0 for n in _counts(conn).values())


def test_bad_rows_against_the_database_write_nothing(conn: psycopg.Connection) -> None:
    import_frames(conn, small_frames())
    before = _counts(conn)
    frames = small_frames()
    frames["customers"] = pd.DataFrame(
        [
            # a sub-distributor under a store that exists only in the database
            {
                "code": "S009",
                "name": "错层二批",
                "tier": 2,
                "parent_code": "R001",
                "area_code": "SH",
            },
            {
                "code": "D009",
                "name": "有上级的经销商",
                "tier": 1,
                "parent_code": "D001",
                "area_code": "SH",
            },
            {"code": "R009", "name": "没有上级的终端", "tier": 3, "area_code": "SH", "lat": 31.2},
        ]
    )
    frames["users"] = pd.DataFrame(
        [
            {"email": "nobody@example.cn", "full_name": "某人", "role": "rep"},
            {"email": "x@example.cn", "full_name": "某经销商", "role": "dealer"},
            {"email": "not-an-email", "full_name": "某", "role": "boss"},
        ]
    )
    frames["budgets"].loc[0, "period_end"] = pd.Timestamp("2025-12-31").date()
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, frames)
    found = {(p.sheet, p.row, p.column) for p in failed.value.problems}
    assert found >= {
        ("customers", 2, "parent_code"),
        ("customers", 3, "parent_code"),
        ("customers", 4, "parent_code"),
        ("customers", 4, "lat/lng"),
        ("users", 2, "area_code"),
        ("users", 3, "customer_code"),
        ("users", 4, "email"),
        ("users", 4, "role"),
        ("budgets", 2, "period_end"),
    }
    assert _counts(conn) == before


def test_unknown_sheets_and_columns_and_missing_required_columns(conn: psycopg.Connection) -> None:
    frames = small_frames()
    frames["custmers"] = frames["customers"].copy()
    frames["products"] = frames["products"].drop(columns=["unit_price"]).assign(colour="red")
    with pytest.raises(ImportFailed) as failed:
        import_frames(conn, frames)
    found = {(p.sheet, p.column) for p in failed.value.problems}
    assert {("custmers", None), ("products", "colour"), ("products", "unit_price")} <= found
    assert _counts(conn)["products"] == 0


def test_dry_run_validates_and_writes_nothing(conn: psycopg.Connection) -> None:
    result = import_frames(conn, small_frames(), dry_run=True)
    assert result.dry_run and result.rows["customers"] == 3
    assert all(n == 0 for n in _counts(conn).values())


def test_a_file_that_is_not_a_workbook(conn: psycopg.Connection, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("hello")
    with pytest.raises(ImportFailed, match="problem"):
        import_workbook(conn, junk)
    with pytest.raises(ImportFailed):
        import_workbook(conn, tmp_path / "missing.xlsx")


def test_example_workbook_in_docs_imports(conn: psycopg.Connection) -> None:
    from tests.conftest import ROOT

    result = import_workbook(conn, ROOT / "docs" / "example-workbook.xlsx")
    assert result.rows.keys() == small_frames().keys()
    assert _counts(conn)["customers"] == 3


def test_demo_workbook_imports_counts_match_and_reimport_does_not_duplicate(
    conn: psycopg.Connection, tmp_path: Path
) -> None:
    import datetime as dt

    from backend.demo import generate, write_workbook

    frames = generate("default", seed=7, as_of=dt.date(2026, 11, 27))
    path = tmp_path / "demo.xlsx"
    write_workbook(frames, path)
    first = import_workbook(conn, path)
    tables = {"users": "profiles", "plans": "sales_plans", "budgets": "expense_budgets",
              "support": "support_activities"}  # fmt: skip
    for sheet, frame in frames.items():
        table = tables.get(sheet, sheet)
        count = conn.execute(f"select count(*) from public.{table}").fetchone()[0]
        assert count == len(frame) == first.inserted[sheet], sheet
    before = _counts(conn)
    again = import_workbook(conn, path)
    assert _counts(conn) == before
    assert sum(again.inserted.values()) == 0 and sum(again.updated.values()) == 0


def _row_versions(conn: psycopg.Connection) -> dict[str, set[tuple[str, str]]]:
    """Every row of the imported tables by id and xmin: a rewritten row has a new xmin."""
    return {
        t: {(str(i), str(x)) for i, x in conn.execute(f"select id, xmin from public.{t}")}
        for t in TABLES
    }


def test_reimporting_the_same_frames_rewrites_no_row(conn: psycopg.Connection) -> None:
    """No row of any imported table is written again (xmin, and with it updated_at, version
    and the sync stamp, stays), and one changed cell rewrites its own row only."""
    import datetime as dt

    from backend.demo import generate

    frames = generate("default", seed=7, as_of=dt.date(2026, 11, 27))
    import_frames(conn, frames, as_of=dt.date(2026, 11, 27))
    before = _row_versions(conn)
    stamps = conn.execute(
        "select sum(version), max(updated_at), max(txid::text::numeric) from public.customers"
    ).fetchone()
    again = import_frames(conn, frames, as_of=dt.date(2026, 11, 27))
    assert sum(again.inserted.values()) == 0 and sum(again.updated.values()) == 0
    assert _row_versions(conn) == before
    assert (
        conn.execute(
            "select sum(version), max(updated_at), max(txid::text::numeric) from public.customers"
        ).fetchone()
        == stamps
    )

    changed = {k: v.copy() for k, v in frames.items()}
    changed["shipments"].loc[5, "quantity"] = changed["shipments"].loc[5, "quantity"] + 1
    changed["customers"].loc[3, "name"] = "改过名的客户"
    result = import_frames(conn, changed, as_of=dt.date(2026, 11, 27))
    assert result.updated["shipments"] == 1 and result.updated["customers"] == 1
    assert sum(result.inserted.values()) == 0
    after = _row_versions(conn)
    moved = {t: before[t] - after[t] for t in TABLES if before[t] != after[t]}
    assert set(moved) == {"shipments", "customers"}
    assert len(moved["shipments"]) == 1 and len(moved["customers"]) == 1
    (code,) = conn.execute(
        "select code from public.customers where id = %s", (next(iter(moved["customers"]))[0],)
    ).fetchone()
    assert code == changed["customers"].loc[3, "code"]
