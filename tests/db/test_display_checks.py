"""Display checks (陈列检查), competitor reports (竞品上报) and photo kinds, issue 19 part 3: templates
are written by managers only; an answer of the wrong type, a price below zero, a photo without a
kind or taken outside its visit's window is refused in both languages with nothing written (a
PATCH and a phone's sync_push alike); display_compliance and competitor_summary are checked
against the rows."""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.postgrest import request, rpc, rpc_rows

CHECKIN = f"{TODAY}T09:00:00+08:00"
CHECKOUT = f"{TODAY}T09:40:00+08:00"


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)  # company now 2026-12-10 10:00 Asia/Shanghai
    return build_world(conn)


def _one(conn: psycopg.Connection, query: str, *params: object) -> Any:
    return conn.execute(query, params).fetchone()[0]


def _visit(conn: psycopg.Connection, world: World, customer: str = "D_SH", **at: str) -> str:
    return str(
        _one(
            conn,
            "insert into visits (rep_id, customer_id, checkin_at, checkout_at, status)"
            " values (%s, %s, %s, %s, 'done') returning id",
            world.users["rep"],
            world.ids[customer],
            at.get("checkin", CHECKIN),
            at.get("checkout", CHECKOUT),
        )
    )


def _template(conn: psycopg.Connection) -> dict[str, str]:
    t = _one(conn, "insert into display_templates (name, tier) values ('门店陈列', 1) returning id")
    items = {}
    for n, (label, kind, options) in enumerate(
        [("POP", "yes_no", []), ("排面数", "count", []), ("货架位置", "choice", ["黄金位", "底层"]),
         ("陈列照片", "photo", []), ("备注", "text", [])], start=1):  # fmt: skip
        items[kind] = str(
            _one(
                conn,
                "insert into display_items (template_id, sort, label, kind, options)"
                " values (%s, %s, %s, %s, %s) returning id",
                t,
                n,
                label,
                kind,
                options,
            )
        )
    return items


def _insert(conn: psycopg.Connection, world: World, persona: str, table: str, row: dict) -> Any:
    cols = ", ".join(row)
    marks = ", ".join(["%s"] * len(row))
    with request(conn, world.claims(persona), commit=True) as cur:
        cur.execute(
            f"insert into {table} ({cols}) values ({marks}) returning *", list(row.values())
        )
        return cur.fetchone()


def _refused(conn: psycopg.Connection, world: World, persona: str, table: str, row: dict) -> str:
    with pytest.raises(psycopg.Error) as err:
        _insert(conn, world, persona, table, row)
    return err.value.sqlstate or ""


def _push(conn: psycopg.Connection, world: World, table: str, row: dict[str, Any]) -> dict:
    mutations = [{"id": 1, "table": table, "op": "upsert", "row": row}]
    out = rpc(conn, "sync_push",
              {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutations)},
              world.claims("rep"))  # fmt: skip
    return out["results"][0]


def _count(conn: psycopg.Connection, table: str) -> int:
    return int(_one(conn, f"select count(*) from {table}"))


# -- templates ---------------------------------------------------------------------------------


def test_templates_are_written_by_managers_only(conn: psycopg.Connection, world: World) -> None:
    row = {"name": "便利店陈列", "tier": 3}
    for persona in ("rep", "am", "dealer"):
        assert _refused(conn, world, persona, "display_templates", row) == "42501"
    t = _insert(conn, world, "mgr", "display_templates", row)
    item = {"template_id": t["id"], "label": "价签正确", "kind": "yes_no"}
    assert _refused(conn, world, "am", "display_items", item) == "42501"
    assert _insert(conn, world, "mgr", "display_items", item)["kind"] == "yes_no"
    # a choice item needs options (and only it has them)
    bad = {"template_id": t["id"], "label": "货架位置", "kind": "choice"}
    assert _refused(conn, world, "mgr", "display_items", bad) == "23514"
    # staff read them, dealers do not
    with request(conn, world.claims("rep"), read_only=True) as cur:
        assert cur.execute("select count(*) n from display_items").fetchone()["n"] >= 3
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        assert cur.execute("select count(*) n from display_templates").fetchone()["n"] == 0
    # the phone cannot push one
    out = _push(conn, world, "display_templates", {"id": str(uuid.uuid4()), "name": "离线模板"})
    assert out["status"] == "rejected"


# -- answers -----------------------------------------------------------------------------------


def test_answers_of_the_wrong_type_are_refused(conn: psycopg.Connection, world: World) -> None:
    items = _template(conn)
    v = _visit(conn, world)
    base = {"visit_id": v, "customer_id": world.ids["D_SH"]}
    before = _count(conn, "display_answers")
    wrong = [
        {"item_id": items["yes_no"], "count_value": 3},  # a count for a yes/no item
        {"item_id": items["yes_no"]},  # no answer at all
        {"item_id": items["count"], "count_value": -1},
        {"item_id": items["count"], "yes_value": True},
        {"item_id": items["count"], "count_value": 3, "text_value": "三个"},  # two answers
        {"item_id": items["choice"], "choice_value": "顶层"},  # not an option
        {"item_id": items["text"], "text_value": "   "},
        {"item_id": items["photo"], "photo_id": world.ids["photos"]},  # not of this visit
    ]
    for answer in wrong:
        with pytest.raises(psycopg.Error) as err:
            _insert(conn, world, "rep", "display_answers", {**base, **answer})
        assert err.value.sqlstate in ("22023", "23514"), answer
        if err.value.sqlstate == "22023":
            assert "答案" in (err.value.diag.message_detail or ""), answer  # the Chinese half
            assert "takes" in str(err.value) or "only its own" in str(err.value)
    pushed = _push(conn, world, "display_answers",
                   {"id": str(uuid.uuid4()), **base, "item_id": items["count"], "yes_value": True})  # fmt: skip
    assert pushed["status"] == "rejected"
    assert _count(conn, "display_answers") == before
    # the right types go in, through the phone's push too
    photo = _one(conn, "insert into photos (customer_id, visit_id, kind, storage_path, taken_by,"
                 " taken_at) values (%s, %s, 'display', 'p/d.jpg', %s, %s) returning id",
                 world.ids["D_SH"], v, world.users["rep"], CHECKIN)  # fmt: skip
    good = [
        {"item_id": items["yes_no"], "yes_value": True},
        {"item_id": items["count"], "count_value": 6},
        {"item_id": items["choice"], "choice_value": "黄金位"},
        {"item_id": items["photo"], "photo_id": str(photo)},
    ]
    for answer in good:
        assert _insert(conn, world, "rep", "display_answers", {**base, **answer})["answered_by"]
    pushed = _push(conn, world, "display_answers",
                   {"id": str(uuid.uuid4()), **base, "item_id": items["text"], "text_value": "干净"})  # fmt: skip
    assert pushed["status"] == "applied"
    assert _count(conn, "display_answers") == before + 5
    # another rep cannot answer on this visit
    row = {**base, "item_id": items["text"], "text_value": "x"}
    assert _refused(conn, world, "rep2", "display_answers", row) == "42501"


def test_compliance_against_the_rows(conn: psycopg.Connection, world: World) -> None:
    items = _template(conn)
    conn.execute("alter table customers disable trigger user")
    conn.execute("update customers set grade = 'B' where id = %s", (world.ids["D_SH"],))
    conn.execute("update customers set grade = 'A' where id = %s", (world.ids["S_SH"],))
    conn.execute("alter table customers enable trigger user")
    answers = [  # (customer, pop present, facings)
        ("D_SH", True, 4), ("D_SH", True, 6), ("D_SH", False, 2), ("S_SH", True, 8),
    ]  # fmt: skip
    for code, pop, facings in answers:
        v = _visit(conn, world, code)
        for item, col, value in ((items["yes_no"], "yes_value", pop),
                                 (items["count"], "count_value", facings)):  # fmt: skip
            conn.execute(
                f"insert into display_answers (visit_id, customer_id, item_id, {col})"
                " values (%s, %s, %s, %s)",
                (v, world.ids[code], item, value),
            )
    # outside the period, and a deleted answer: not counted
    old = _visit(conn, world, checkin="2026-10-01T09:00:00+08:00",
                 checkout="2026-10-01T09:30:00+08:00")  # fmt: skip
    conn.execute("insert into display_answers (visit_id, customer_id, item_id, yes_value)"
                 " values (%s, %s, %s, false)", (old, world.ids["D_SH"], items["yes_no"]))  # fmt: skip
    args = {"p_from": "2026-12-01", "p_to": "2026-12-31", "p_area_id": None}
    rows = rpc_rows(conn, "display_compliance", args, world.claims("mgr"))
    by = {(r["item_label"], r["grade"]): r for r in rows if r["template_name"] == "门店陈列"}
    pop_b = by[("POP", "B")]
    assert (pop_b["answered"], pop_b["stores"], pop_b["yes_count"]) == (3, 1, 2)
    assert float(pop_b["yes_pct"]) == pytest.approx(66.7)
    assert pop_b["avg_count"] is None
    assert float(by[("排面数", "B")]["avg_count"]) == pytest.approx(4.0)
    assert float(by[("POP", "A")]["yes_pct"]) == 100.0
    assert float(by[("排面数", "A")]["avg_count"]) == 8.0
    # the same figure, computed from the rows
    mine = _one(conn, "select round(100.0 * count(*) filter (where a.yes_value) / count(*), 1)"
                " from display_answers a join visits v on v.id = a.visit_id"
                " join customers c on c.id = a.customer_id"
                " where a.item_id = %s and c.grade = 'B' and v.checkin_at >= '2026-12-01'",
                items["yes_no"])  # fmt: skip
    assert float(mine) == float(pop_b["yes_pct"])
    # scope: rep2 (Zhejiang) sees none of it; a dealer is refused; a bad period is refused
    assert [r for r in rpc_rows(conn, "display_compliance", args, world.claims("rep2"))
            if r["template_name"] == "门店陈列"] == []  # fmt: skip
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "display_compliance", args, world.claims("dealer"))
    assert err.value.sqlstate == "42501"
    with pytest.raises(psycopg.Error) as err:
        rpc_rows(conn, "display_compliance", {**args, "p_from": "2027-01-01"}, world.claims("mgr"))
    assert err.value.sqlstate == "22023" and "p_from" in (err.value.diag.message_detail or "")


# -- competitor reports ------------------------------------------------------------------------


def test_competitor_reports(conn: psycopg.Connection, world: World) -> None:
    v = _visit(conn, world)
    base = {"visit_id": v, "customer_id": world.ids["D_SH"], "brand": "统一", "product": "冰红茶"}
    before = _count(conn, "competitor_reports")
    with pytest.raises(psycopg.Error) as err:
        _insert(conn, world, "rep", "competitor_reports", {**base, "shelf_price": -1})
    assert err.value.sqlstate == "22023" and "货架价格" in (err.value.diag.message_detail or "")
    with pytest.raises(psycopg.Error) as err:
        _insert(conn, world, "rep", "competitor_reports", {**base, "brand": " "})
    assert "品牌" in (err.value.diag.message_detail or "")
    with pytest.raises(psycopg.Error) as err:
        _insert(conn, world, "rep", "competitor_reports", {**base, "facings": -2})
    assert "排面数" in (err.value.diag.message_detail or "")
    out = _push(conn, world, "competitor_reports",
                {"id": str(uuid.uuid4()), **base, "shelf_price": -0.5})  # fmt: skip
    assert out["status"] == "rejected"
    assert _count(conn, "competitor_reports") == before
    for price, promo in ((3.0, "买二送一"), (4.0, None)):
        _insert(conn, world, "rep", "competitor_reports",
                {**base, "shelf_price": price, "facings": 5, "promotion": promo})  # fmt: skip
    args = {"p_from": "2026-12-01", "p_to": "2026-12-31", "p_area_id": world.ids["area_SH"]}
    summary = {(r["brand"], r["product"]): r
               for r in rpc_rows(conn, "competitor_summary", args, world.claims("am"))}  # fmt: skip
    s = summary[("统一", "冰红茶")]
    assert (s["reports"], s["stores"], s["with_promotion"]) == (2, 1, 1)
    assert float(s["avg_price"]) == 3.5 and float(s["min_price"]) == 3.0
    found = rpc_rows(
        conn, "competitor_reports_list", {**args, "p_search": "统一"}, world.claims("am")
    )
    assert len(found) == 2 and found[0]["customer_name"]
    none = rpc_rows(conn, "competitor_reports_list", {**args, "p_search": "可口可乐"},
                    world.claims("am"))  # fmt: skip
    assert none == []
    assert rpc_rows(conn, "competitor_reports_list", {**args, "p_area_id": None},
                    world.claims("rep2")) == []  # fmt: skip


# -- photos ------------------------------------------------------------------------------------


def test_a_photo_needs_its_kind(conn: psycopg.Connection, world: World) -> None:
    row = {"customer_id": world.ids["D_SH"], "storage_path": "p/k.jpg",
           "taken_by": world.users["rep"]}  # fmt: skip
    before = _count(conn, "photos")
    for kind in (None, "", "other", "selfie"):
        with pytest.raises(psycopg.Error) as err:
            _insert(conn, world, "rep", "photos", {**row, "kind": kind})
        assert err.value.sqlstate == "22023"
        assert "照片类型" in (err.value.diag.message_detail or "") and "kind" in str(err.value)
    assert _count(conn, "photos") == before
    for kind in ("storefront", "shelf", "display", "competitor", "evidence"):
        assert _insert(conn, world, "rep", "photos", {**row, "kind": kind})["kind"] == kind


def test_a_visit_photo_is_taken_during_the_visit(conn: psycopg.Connection, world: World) -> None:
    v = _visit(conn, world)  # 09:00–09:40, photos may be 30 minutes either side
    row = {"customer_id": world.ids["D_SH"], "visit_id": v, "kind": "shelf",
           "storage_path": "p/w.jpg", "taken_by": world.users["rep"]}  # fmt: skip
    before = _count(conn, "photos")
    for at in (f"{TODAY}T08:29:00+08:00", f"{TODAY}T10:11:00+08:00"):
        with pytest.raises(psycopg.Error) as err:
            _insert(conn, world, "rep", "photos", {**row, "taken_at": at})
        assert err.value.sqlstate == "22023"
        assert "拍摄时间" in (err.value.diag.message_detail or "") and "outside" in str(err.value)
    out = _push(conn, world, "photos",
                {"id": str(uuid.uuid4()), **row, "taken_at": f"{TODAY}T07:00:00+08:00"})  # fmt: skip
    assert out["status"] == "rejected"
    assert _count(conn, "photos") == before
    for at in (f"{TODAY}T08:31:00+08:00", f"{TODAY}T09:20:00+08:00", f"{TODAY}T10:09:00+08:00"):
        _insert(conn, world, "rep", "photos", {**row, "taken_at": at})
    # the tolerance is a setting
    conn.execute("update settings set value = '120' where key = 'visit.photo_window_minutes'")
    _insert(conn, world, "rep", "photos", {**row, "taken_at": f"{TODAY}T07:30:00+08:00"})
    assert _count(conn, "photos") == before + 4


# -- reports -----------------------------------------------------------------------------------


def test_the_reports_carry_both_summaries(
    conn: psycopg.Connection, world: World, tmp_path: Any
) -> None:
    from openpyxl import load_workbook

    from backend.reports_monthly import COMPETITORS, DISPLAY, monthly_report, report_frames
    from backend.reports_visits import visits_report

    items = _template(conn)
    v = _visit(conn, world)
    conn.execute("insert into display_answers (visit_id, customer_id, item_id, yes_value)"
                 " values (%s, %s, %s, true)", (v, world.ids["D_SH"], items["yes_no"]))  # fmt: skip
    conn.execute("insert into competitor_reports (visit_id, customer_id, brand, shelf_price)"
                 " values (%s, %s, '统一', 3)", (v, world.ids["D_SH"]))  # fmt: skip
    frames = report_frames(conn, dt_month(), None)
    shown = frames[DISPLAY.name]
    pop = shown[shown["item_label"] == "POP"].iloc[0]
    assert (pop["answered"], float(pop["yes_pct"])) == (1, 100.0)
    assert "统一" in set(frames[COMPETITORS.name]["brand"])  # beside the world's 康师傅
    counts = monthly_report(conn, "2026-12", tmp_path / "m.xlsx")
    assert counts[DISPLAY.name] >= 1 and counts[COMPETITORS.name] == 2
    visits_report(conn, "2026-W50", tmp_path / "v.xlsx")
    book = load_workbook(tmp_path / "v.xlsx")
    rows = list(book["陈列检查 Display"].iter_rows(min_row=4, values_only=True))
    assert ("门店陈列", "POP", "yes_no", 1, "C", 1, 1, 100.0, 1, 1, 100.0, None) in rows  # D_SH: C
    rivals = {r[0]: r for r in book["竞品 Competitors"].iter_rows(min_row=4, values_only=True)}
    assert rivals["统一"][2] == 1


def dt_month() -> Any:
    import datetime as dt

    return dt.date(2026, 12, 1)
