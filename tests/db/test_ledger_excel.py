"""Excel both ways: export → import round trip on the demo data, the monthly report against the
ledger, and the CLI's bad input (nothing written)."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import psycopg
import pytest

from backend.demo import generate
from backend.demo_support import seed_support_demo
from backend.importer import check, import_frames, read_workbook
from backend.ledger_cli import add_parser
from backend.ledger_export import export_frames, export_workbook
from backend.reports_monthly import AGEING, DEALERS, PLAN, monthly_report
from fieldapp.domain import districts
from fieldapp.errors import InvalidInput

D = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_url(server_url: str, template_db: str):
    """One database with the default demo for the module (tests only read it)."""
    import uuid

    from psycopg.conninfo import make_conninfo

    name = f"fieldsales_ledger_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    url = make_conninfo(server_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        import_frames(conn, generate("default", seed=42, as_of=D), evaluate=False)
        seed_support_demo(conn, D)  # support activities, and their cost as expense rows
    yield url
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"drop database if exists {name} with (force)")


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert list(a) == list(b)
    for name in a:
        left, right = a[name].reset_index(drop=True), b[name].reset_index(drop=True)
        assert list(left.columns) == list(right.columns), name
        assert len(left) == len(right), name
        for col in left.columns:
            diff = [
                (i, x, y)
                for i, (x, y) in enumerate(zip(left[col], right[col], strict=True))
                if not (x == y or (pd.isna(x) and pd.isna(y)))
            ]
            assert diff == [], f"{name}.{col}: {diff[:5]}"


def test_export_import_round_trip_is_lossless(demo_url: str, db_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    with psycopg.connect(demo_url, autocommit=True) as conn:
        counts = export_workbook(conn, first)
        original = export_frames(conn)
    assert counts["shipments"] > 10_000 and all(n > 0 for n in counts.values())
    with psycopg.connect(db_url, autocommit=True) as conn:  # empty, migrated
        import_frames(conn, read_workbook(first), evaluate=False)
        export_workbook(conn, second)
        again = export_frames(conn)
    _same(original, again)  # database → database, cell by cell
    _same(read_workbook(first), read_workbook(second))  # file → file, cell by cell
    # the exported file says what the demo said: the same rows after the importer's checks
    with psycopg.connect(db_url, autocommit=True) as conn:
        typed_demo = check(conn, generate("default", seed=42, as_of=D))
        typed_file = check(conn, read_workbook(first))
    for name, frame in typed_demo.items():
        if name == "support":  # not in the generated workbook: seeded after its import
            continue
        key = [c for c in frame.columns if c in typed_file[name].columns]
        if name == "customers":  # the generated places are blank: the import fills them
            assert frame[list(PLACES)].isna().all().all()
            _places_from_coordinates(typed_file[name])
            key = [c for c in key if c not in PLACES]
        left = frame[key].sort_values(key[:3]).reset_index(drop=True)
        right = typed_file[name][key].sort_values(key[:3]).reset_index(drop=True)
        _same({name: left.astype(object)}, {name: right.astype(object)})


PLACES = ("province", "city", "district")


def _places_from_coordinates(customers: pd.DataFrame) -> None:
    """The exported places are what the packaged boundaries say of the coordinates."""
    placed = customers.dropna(subset=["lat", "lng"])
    assert len(placed) > 0
    for row in placed.itertuples():
        where = districts.locate(float(row.lat), float(row.lng))
        got = (row.province, row.city, row.district)
        assert got == ((where.province, where.city, where.district) if where else (None,) * 3)


def _sheet(path: Path, name: str) -> pd.DataFrame:
    ws = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def test_report_figures_equal_the_ledger(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    with psycopg.connect(demo_url, autocommit=True) as conn:
        counts = monthly_report(conn, "2026-10", out)
        dealers = _sheet(out, DEALERS.name)
        plan = _sheet(out, PLAN.name)
        ageing = _sheet(out, AGEING.name)
        assert counts[DEALERS.name] == 40 and len(dealers) == 40
        head = {h: c for c, h, _ in DEALERS.cols}
        dealers = dealers.rename(columns=head)
        plan = plan.rename(columns={h: c for c, h, _ in PLAN.cols})
        ageing = ageing.rename(columns={h: c for c, h, _ in AGEING.cols})
        by_plan = plan.groupby("customer_code")[["plan_amount", "actual_amount", "ytd_plan",
                                                 "ytd_actual", "last_year_amount"]].sum()  # fmt: skip
        checked = 0
        for _, row in dealers.iterrows():
            cid = conn.execute(
                "select id from customers where code = %s", (row["customer_code"],)
            ).fetchone()[0]
            led = conn.execute(
                "select purchases, plan_amount, ytd_purchases, ytd_plan, last_year_purchases,"
                " closing_balance, credit_limit, over_limit, progress_pct"
                " from public.dealer_ledger(%s, 2026) where month = '2026-10-01'",
                (cid,),
            ).fetchone()
            purchases, plan_amt, ytd, ytd_plan, ly, closing, limit, over, progress = led

            def eq(cell: object, value: Decimal | None) -> bool:
                if value is None:
                    return cell is None
                return round(float(cell or 0), 2) == float(value)

            assert eq(row["purchases"], purchases) and eq(row["plan_amount"], plan_amt)
            assert eq(row["ytd_purchases"], ytd) and eq(row["ytd_plan"], ytd_plan)
            assert eq(row["closing_balance"], closing) and eq(row["over_limit"], over)
            assert eq(row["progress_pct"], progress)
            # the SKU sheet adds up to the ledger's dealer figures
            sku = by_plan.loc[row["customer_code"]]
            assert round(sku["actual_amount"], 2) == float(purchases)
            assert round(sku["plan_amount"], 2) == float(plan_amt or 0)
            assert round(sku["ytd_actual"], 2) == float(ytd)
            assert round(sku["ytd_plan"], 2) == float(ytd_plan)
            assert round(sku["last_year_amount"], 2) == float(ly)
            # ageing: the buckets add up to the ledger's month-end balance
            ag = ageing[ageing["customer_code"] == row["customer_code"]]
            if float(closing) != 0 or float(limit) > 0:
                (a,) = ag.itertuples(index=False)
                assert round(a.balance, 2) == float(closing)
                buckets = a.days_0_30 + a.days_31_60 + a.days_61_90 + a.days_over_90
                assert round(buckets, 2) == max(float(closing), 0.0)
            checked += 1
        assert checked == 40
    wb = openpyxl.load_workbook(out)
    ws = wb[PLAN.name]
    assert ws.freeze_panes == "G4" and ws.conditional_formatting
    assert ws.cell(4, 9).number_format.startswith("#,##0.00")


def test_report_by_area(demo_url: str, tmp_path: Path) -> None:
    with psycopg.connect(demo_url, autocommit=True) as conn:
        area = conn.execute(
            "select a.code from areas a join customers c on c.area_id = a.id where c.tier = 1"
            " group by a.code order by a.code limit 1"
        ).fetchone()[0]
        counts = monthly_report(conn, "2026-11", tmp_path / "a.xlsx", area)
        total = monthly_report(conn, "2026-11", tmp_path / "all.xlsx")
    assert 0 < counts[DEALERS.name] < total[DEALERS.name]


def _cli(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    add_parser(p.add_subparsers(required=True))
    args = p.parse_args(argv)
    return args.run(args)


def test_cli_bad_input_writes_nothing(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_url)
    out = tmp_path / "r.xlsx"
    for argv, zh in (
        (["report", "monthly", "--month", "2026-13", "-o", str(out)], "月份格式"),
        (["report", "monthly", "--month", "11/2026", "-o", str(out)], "月份格式"),
        (["report", "monthly", "--month", "2026-11", "--area", "NOPE", "-o", str(out)], "找不到区域"),
        (["contract", "print", "NO-SUCH", "-o", str(tmp_path / "c.pdf")], "找不到合同"),
        (["contract", "print", "NO-SUCH", "-o", str(tmp_path / "c.doc")], ".pdf 或 .html"),
        (["export", str(tmp_path / "nofolder" / "x.xlsx")], "文件夹不存在"),
    ):  # fmt: skip
        with pytest.raises(InvalidInput) as err:
            _cli(argv)
        assert zh in err.value.message_zh and err.value.message_en
    assert list(tmp_path.iterdir()) == []
    assert _cli(["report", "monthly", "--month", "2026-11", "-o", str(out)]) == 0
    assert out.exists() and [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]
