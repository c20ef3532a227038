"""One company calendar at any hour: the phone, the server and the CLI agree on the day.

The clocks are frozen at three instants around a Shanghai midnight that is also a month end,
with the machine's own zone set to Etc/GMT+12 (whose date differs from Shanghai's 20 hours a
day): 23:30 in Shanghai (15:30 UTC, both calendars agree), 00:30 in Shanghai (16:30 UTC, the
calendars differ by a day and a month) and 07:30 in Shanghai (23:30 UTC, they differ again).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from fieldapp.domain.clock import monday
from fieldapp.services import formatting as fmt
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.services.position import Fix
from tests.conftest import dbname
from tests.db.test_cli import fieldsales
from tests.unit.services_db import REP, SHOP, build_server
from tests.unit.services_world import Clock

SHANGHAI = ZoneInfo("Asia/Shanghai")
INSTANTS = {
    "23:30 Shanghai, 15:30 UTC": dt.datetime(2026, 11, 30, 23, 30, tzinfo=SHANGHAI),
    "00:30 Shanghai, 16:30 UTC": dt.datetime(2026, 12, 1, 0, 30, tzinfo=SHANGHAI),
    "07:30 Shanghai, 23:30 UTC": dt.datetime(2026, 12, 1, 7, 30, tzinfo=SHANGHAI),
}
MACHINE_TZ = "Etc/GMT+12"


@pytest.fixture
def machine_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is far from the company's for the length of a test."""
    monkeypatch.setenv("TZ", MACHINE_TZ)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def freeze_server(conn: psycopg.Connection, url: str, at: dt.datetime) -> None:
    """The database's calendar reads `at` (every new connection, and this one)."""
    conn.execute(f"alter database {dbname(url)} set fieldsales.now = '{at.isoformat()}'")
    conn.execute("select set_config('fieldsales.now', %s, false)", (at.isoformat(),))


def converge(phone: Phone, check: object, timeout: float = 60.0) -> None:
    """Sync until check() is true."""
    deadline = time.monotonic() + timeout
    phone.sync.sync()
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the phone never caught up"
        time.sleep(0.2)
        phone.sync.sync()


@pytest.mark.parametrize("at", INSTANTS.values(), ids=INSTANTS.keys())
def test_phone_server_and_cli_share_the_companys_day(
    conn: psycopg.Connection,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    machine_tz: None,
    at: dt.datetime,
) -> None:
    day = at.date()  # the company's day
    assert dt.datetime.fromtimestamp(at.timestamp()).date() != day or at.hour == 23
    freeze_server(conn, db_url, at)
    assert conn.execute("select private.company_today()").fetchone()[0] == day
    server = build_server(conn, day)

    # the phone's Today is the company's day, whatever the phone's zone
    clock = Clock(at.astimezone(dt.UTC))
    phone = Phone(PhoneFolder(tmp_path / "phone"), ServerConfig(DEMO, db_url), now=clock)
    phone.sign_in(REP)
    converge(phone, lambda: phone.store.get("visit_plan_stops", server["stop1"]) is not None)
    route = phone.today.route()
    assert route.day == day
    assert [s.stop["id"] for s in route.stops] == [server["stop1"], server["stop2"]]

    # a visit checked in now is dated the company's day on the phone and on the server
    visit = phone.visits.check_in(
        server["R_SH"], Fix(*SHOP, 5.0, clock()), plan_stop_id=server["stop1"]
    )
    clock.advance(600)
    phone.visits.save_notes(visit["id"], notes="陈列良好")
    phone.visits.check_out(visit["id"])
    assert fmt.day(visit["checkin_at"]) == day.isoformat()
    converge(phone, lambda: phone.pending() == 0)
    planned, done, missed, pending = conn.execute(
        "select planned, done, missed, pending from plan_vs_actual(%s, %s)",
        (monday(day), server["rep"]),
    ).fetchone()
    assert (planned, done, missed, pending) == (2, 1, 0, 1)

    # the month: a purchase on the company's day counts in this month's ledger (as of today)
    conn.execute(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
        " unit_price, amount) values ('SO-CLOCK', 1, %s, %s, %s, 2, 50, 100)",
        (server["D_SH"], server["P1"], day),
    )
    month = conn.execute(
        "select month_purchases from ledger_dealers() where customer_id = %s", (server["D_SH"],)
    ).fetchone()[0]
    assert month == Decimal("100")
    assert phone.ledger.today() == day

    # the CLI's warnings run is as of the company's day
    monkeypatch.setenv("FIELDSALES_NOW", at.isoformat())
    done_cli = fieldsales("warnings", "evaluate", "--json", url=db_url)
    assert done_cli.returncode == 0, done_cli.stderr
    assert json.loads(done_cli.stdout)["as_of"] == day.isoformat()
    phone.close()


def test_company_timezone_is_a_setting_and_must_name_a_zone(conn: psycopg.Connection) -> None:
    at = "2026-12-01T16:30:00+00:00"
    conn.execute("select set_config('fieldsales.now', %s, false)", (at,))
    assert conn.execute("select private.company_today()").fetchone()[0] == dt.date(2026, 12, 2)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as exc:
        conn.execute(
            "update settings set value = '\"Mars/Olympus\"' where key = 'company.timezone'"
        )
    assert exc.value.diag.message_detail == '公司时区必须是时区名称，例如 "Asia/Shanghai"'
    assert conn.execute("select private.company_tz()").fetchone()[0] == "Asia/Shanghai"
    conn.execute("update settings set value = '\"Europe/London\"' where key = 'company.timezone'")
    assert conn.execute("select private.company_today()").fetchone()[0] == dt.date(2026, 12, 1)


def test_a_frozen_clock_must_have_a_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDSALES_NOW", "2026-12-01 23:30")
    done = fieldsales("warnings", "evaluate", url="postgresql://postgres@127.0.0.1:1/nowhere")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "FIELDSALES_NOW" in done.stderr and "带时区" in done.stderr
