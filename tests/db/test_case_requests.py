"""After-sales requests (issue 16): a dealer (its own company) or staff (a customer they see)
raises a request, made on the phone and pushed; the insert checks every line, refuses bad input in
English and Chinese naming the line with nothing written, and opens the case with the request's
id. A replay opens nothing twice; nobody changes a request."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import (
    TODAY,
    case_of,
    counts,
    deliver,
    events_of,
    freeze,
    photo_of,
    raise_request,
)
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)
    freeze(conn)
    w.ids["R1"], w.ids["R2"] = deliver(conn, w, "SO-R", [10, 4], shipped_on="2026-12-01")
    (w.ids["ZJ1"],) = deliver(conn, w, "SO-ZJ", [5], shipped_on="2026-12-01", customer="D_ZJ")
    return w


def test_a_dealers_repair_request_opens_its_case_with_the_request_id(
    conn: psycopg.Connection, world: World
) -> None:
    photo = photo_of(conn, world)
    row = raise_request(
        conn, world, "repair", [{"shipment_id": world.ids["R2"], "quantity": 2}],
        doc_no="SO-R", reason="  两箱漏液  ", severity="high", photo_ids="{" + photo + "}",
        requested_at="2020-01-01T00:00:00+08",
    )  # fmt: skip
    dealer = world.users["dealer"]
    # the server sets who, when and the customer; the lines are stored complete
    assert row["customer_id"] == world.ids["D_SH"] and row["requested_by"] == dealer
    assert row["requested_on"] == TODAY and row["requested_at"] > "2026"
    assert row["reason"] == "两箱漏液"
    assert row["lines"] == [
        {"shipment_id": world.ids["R2"], "product_id": world.ids["product"], "quantity": 2,
         "doc_no": "SO-R", "line_no": 2},
    ]  # fmt: skip
    case = case_of(conn, row["id"])
    assert (case["kind"], case["status"], case["severity"], case["doc_no"]) == (
        "repair", "open", "high", "SO-R",
    )  # fmt: skip
    assert case["title"] == "维修 SO-R 冰红茶" and case["detail"] == "两箱漏液"
    assert case["owner_id"] == world.users["am"] and case["opened_by"] == dealer
    opened = dt.datetime.fromisoformat(case["opened_at"])
    assert dt.datetime.fromisoformat(case["due_at"]) - opened == dt.timedelta(days=1)  # high
    assert conn.execute(
        "select product_id::text, shipment_id::text, quantity::int from case_lines"
        " where case_id = %s",
        (row["id"],),
    ).fetchall() == [(world.ids["product"], world.ids["R2"], 2)]
    assert events_of(conn, row["id"]) == [("opened", None, None, "open", "两箱漏液", dealer)]
    photos = conn.execute(
        "select photo_ids::text[] from case_events where case_id = %s", (row["id"],)
    ).fetchone()[0]
    assert photos == [photo]
    # the dealer reads its request and the case
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select count(*) as n from cases where id = %s", (row["id"],))
        assert cur.fetchone()["n"] == 1


def test_staff_raise_for_the_customers_they_see(conn: psycopg.Connection, world: World) -> None:
    complaint = raise_request(
        conn, world, "complaint", [{"product_id": world.ids["product"]}], persona="rep",
        customer_id=world.ids["D_SH"], reason="口味异常", severity="low",
        requested_by=world.users["am"],  # the server writes who raised it
    )  # fmt: skip
    case = case_of(conn, complaint["id"])
    assert (case["kind"], case["status"], case["title"]) == ("complaint", "open", "投诉 冰红茶")
    assert case["opened_by"] == world.users["rep"]
    # a complaint needs no lines at all
    bare = raise_request(
        conn, world, "complaint", [], persona="mgr", customer_id=world.ids["D_SH"], reason="态度差"
    )
    assert case_of(conn, bare["id"])["title"] == "投诉：态度差"  # the reason says what about
    before = counts(conn)
    for persona in ("rep2", "am2"):  # not their customer
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raise_request(
                conn, world, "complaint", [], persona=persona, customer_id=world.ids["D_SH"]
            )
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:  # staff name the customer
        raise_request(conn, world, "complaint", [], persona="rep")
    assert err.value.diag.message_detail == "缺少客户"
    assert counts(conn) == before


def test_a_dealer_cannot_raise_for_another_dealer(conn: psycopg.Connection, world: World) -> None:
    before = counts(conn)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        raise_request(
            conn, world, "return", [{"shipment_id": world.ids["ZJ1"], "quantity": 1}],
            doc_no="SO-ZJ", customer_id=world.ids["D_ZJ"],
        )  # fmt: skip
    # for its own company, another dealer's delivery and line are not found
    with pytest.raises(psycopg.errors.NoDataFound) as err:
        raise_request(
            conn, world, "return", [{"shipment_id": world.ids["ZJ1"], "quantity": 1}],
            doc_no="SO-ZJ",
        )  # fmt: skip
    assert err.value.diag.message_detail == "找不到该到货单"
    with pytest.raises(psycopg.errors.NoDataFound) as err:
        raise_request(conn, world, "repair", [{"shipment_id": world.ids["ZJ1"], "quantity": 1}])
    assert "lines[1]" in str(err.value) and "第1行" in err.value.diag.message_detail
    assert counts(conn) == before


R1, R2 = "@R1", "@R2"
BAD: list[tuple[str, str | None, list[Any] | Any, type, str, str]] = [
    # kind, doc_no, lines, error, in the message, in the Chinese detail
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 1}, {"shipment_id": R2, "quantity": -1}],
     psycopg.errors.InvalidParameterValue, "lines[2].quantity", "第2行"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 0}],
     psycopg.errors.InvalidParameterValue, "lines[1].quantity", "整箱"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 1.5}],
     psycopg.errors.InvalidParameterValue, "lines[1].quantity", "整箱"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": "2"}],
     psycopg.errors.InvalidParameterValue, "must be a number", "数字"),
    ("return", "SO-R", [{"shipment_id": R1}],
     psycopg.errors.InvalidParameterValue, "lines[1].quantity is required", "请填写数量"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 1}, {"shipment_id": R2, "quantity": 5}],
     psycopg.errors.InvalidParameterValue, "only 4 left", "只剩4箱"),
    ("repair", None, [{"shipment_id": R2, "quantity": 5}],
     psycopg.errors.InvalidParameterValue, "more than the 4 delivered", "第1行"),
    ("return", "SO-R", [{"shipment_id": str(uuid.uuid4()), "quantity": 1}],
     psycopg.errors.NoDataFound, "lines[1]: shipment", "找不到"),
    ("return", "SO-R", [{"shipment_id": "@S1", "quantity": 1}],
     psycopg.errors.InvalidParameterValue, "not part of delivery SO-R", "不属于"),
    ("return", "SO-R", [{"shipment_id": "nope", "quantity": 1}],
     psycopg.errors.InvalidParameterValue, "lines[1].shipment_id is not an id", "编号无效"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 1}, {"shipment_id": R1, "quantity": 1}],
     psycopg.errors.InvalidParameterValue, "lines[2] repeats lines[1]", "重复"),
    ("return", "SO-R", [{"shipment_id": R1, "qty": 1}],
     psycopg.errors.InvalidParameterValue, 'unknown field "qty"', "无法识别"),
    ("return", "SO-R", [{"shipment_id": R1, "quantity": 1, "product_id": str(uuid.uuid4())}],
     psycopg.errors.InvalidParameterValue, "not the product of its shipment", "不符"),
    ("return", None, [{"shipment_id": R1, "quantity": 1}],
     psycopg.errors.InvalidParameterValue, "needs the delivery", "到货单号"),
    ("exchange", "SO-NONE", [{"shipment_id": R1, "quantity": 1}],
     psycopg.errors.NoDataFound, "delivery SO-NONE not found", "找不到该到货单"),
    ("repair", None, [], psycopg.errors.InvalidParameterValue, "at least one line", "至少"),
    ("packaging_exchange", None, {"shipment_id": R1},
     psycopg.errors.InvalidParameterValue, "lines must be a list", "格式"),
    ("packaging_exchange", None, [{"product_id": "@product", "quantity": 1}],
     psycopg.errors.InvalidParameterValue, "lines[1].shipment_id is required", "到货明细"),
    ("complaint", None, [{"quantity": 1}],
     psycopg.errors.InvalidParameterValue, "needs a shipment_id or a product_id", "第1行"),
    ("complaint", None, [{"product_id": str(uuid.uuid4())}],
     psycopg.errors.NoDataFound, "product", "找不到该产品"),
    ("refund", None, [], psycopg.errors.InvalidParameterValue, "kind must be", "类型"),
]  # fmt: skip


def _resolve(value: Any, world: World) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return world.ids[value[1:]] if value[1:] in world.ids else world.ids["shipment"]
    if isinstance(value, dict):
        return {k: _resolve(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, world) for v in value]
    return value


@pytest.mark.parametrize(("kind", "doc", "lines", "error", "en", "zh"), BAD)
def test_bad_requests_are_refused_naming_the_line_and_nothing_is_written(
    conn: psycopg.Connection,
    world: World,
    kind: str,
    doc: str | None,
    lines: Any,
    error: type,
    en: str,
    zh: str,
) -> None:
    world.ids["S1"] = world.ids["shipment"]  # SO-SH's line: the dealer's, another delivery
    before = counts(conn)
    with pytest.raises(error) as err:
        raise_request(conn, world, kind, _resolve(lines, world), doc_no=doc)
    assert en in err.value.diag.message_primary, err.value.diag.message_primary
    assert zh in err.value.diag.message_detail, err.value.diag.message_detail
    assert counts(conn) == before


@pytest.mark.parametrize(
    ("extra", "en", "zh"),
    [
        ({"reason": "   "}, "a reason is required", "原因"),
        ({"reason": "x" * 4001}, "longer than 4000", "4000"),
        ({"severity": "urgent"}, "severity must be", "严重程度"),
        ({"photo_ids": "{" + ",".join(str(uuid.uuid4()) for _ in range(21)) + "}"},
         "at most 20 photos", "20"),
    ],
)  # fmt: skip
def test_bad_reason_severity_and_photos_are_refused(
    conn: psycopg.Connection, world: World, extra: dict[str, Any], en: str, zh: str
) -> None:
    before = counts(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        raise_request(
            conn, world, "repair", [{"shipment_id": world.ids["R1"], "quantity": 1}], **extra
        )
    assert en in err.value.diag.message_primary and zh in err.value.diag.message_detail
    assert counts(conn) == before


def test_a_replay_through_sync_push_opens_one_case(conn: psycopg.Connection, world: World) -> None:
    row = {
        "id": str(uuid.uuid4()),
        "kind": "return",
        "doc_no": "SO-R",
        "lines": [{"shipment_id": world.ids["R1"], "quantity": 3}],
        "reason": "临期",
    }
    client = str(uuid.uuid4())

    def push(mid: int, r: dict[str, Any]) -> dict[str, Any]:
        mutations = [{"id": mid, "table": "case_requests", "op": "upsert", "row": r}]
        out = rpc(
            conn,
            "sync_push",
            {"p_client_id": client, "p_mutations": json.dumps(mutations)},
            world.claims("dealer"),
        )
        return out["results"][0]

    assert push(1, row)["status"] == "applied"
    after = counts(conn)
    assert case_of(conn, row["id"])["status"] == "in_progress"  # 9 days: inside the window
    assert push(1, row)["status"] == "duplicate"  # the phone's retry of the same mutation
    again = push(2, row)  # the same row as a new mutation: nobody changes a request
    assert again["status"] == "rejected" and again["sqlstate"] == "42501"
    assert push(3, {"id": row["id"]})["status"] == "applied"  # the phone's probe (answers.py)
    assert counts(conn) == after
    assert (
        conn.execute("select count(*) from returns where case_id = %s", (row["id"],)).fetchone()[0]
        == 1
    )


def test_nobody_changes_or_deletes_a_request(conn: psycopg.Connection, world: World) -> None:
    rid = world.ids["case_requests"]
    before = conn.execute(
        "select to_jsonb(r) from case_requests r where id = %s", (rid,)
    ).fetchone()
    for persona in ("dealer", "rep", "am", "mgr"):
        for stmt in (
            "update case_requests set reason = '改' where id = %s",
            "delete from case_requests where id = %s",
        ):
            with (
                pytest.raises(psycopg.errors.InsufficientPrivilege),
                request(conn, world.claims(persona)) as cur,
            ):
                cur.execute(stmt, (rid,))
    # the service side meets the same rule
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as err, conn.transaction():
        conn.execute("update case_requests set reason = '改' where id = %s", (rid,))
    assert "售后申请" in err.value.diag.message_detail
    assert (
        conn.execute("select to_jsonb(r) from case_requests r where id = %s", (rid,)).fetchone()
        == before
    )


def test_a_request_cannot_take_the_id_of_an_existing_case(
    conn: psycopg.Connection, world: World
) -> None:
    before = counts(conn)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        raise_request(
            conn, world, "repair", [{"shipment_id": world.ids["R1"], "quantity": 1}],
            id=world.ids["cases"],
        )  # fmt: skip
    assert counts(conn) == before
