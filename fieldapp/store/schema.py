"""The phone's tables: one per synced entity (row as JSON + generated columns), plus bookkeeping."""

from __future__ import annotations

from fieldapp.store.db import Migration

# Pulled from the server (docs/sync.md), in the order a fresh phone fills them.
PULLED: tuple[str, ...] = (
    "areas",
    "settings",
    "products",
    "customers",
    "customer_contacts",
    "customer_notes",
    "photos",
    "visit_plans",
    "visit_plan_stops",
    "visits",
    "stock_counts",
    "orders",
    "order_lines",
    "incidents",
    "complaints",
    "warnings",
    # a dealer's deliveries and its confirmations (pulled by dealers only), and after-sales cases
    "shipments",
    "delivery_confirmations",
    "cases",
    "case_lines",
    "case_events",
    # after-sales requests raised on the phone (a dealer's or staff's), pushed; each opens a case
    "case_requests",
    # support activities (辅导支援): planned and recorded done by staff, at a visit too
    "support_activities",
    # meetings (业务座谈会) that the phone's user may see, who attended, the decisions (an owner
    # marks one done here, pushed) and customer feedback (recorded at a visit, pushed)
    "meetings",
    "meeting_attendees",
    "meeting_decisions",
    "customer_feedback",
    # executive visits (高层拜访: the map's layer, the customer card), pulled by staff only
    "executive_visits",
    # display checks (陈列检查): templates and items (read-only here), answers at visits and
    # competitor reports (竞品上报), pushed
    "display_templates",
    "display_items",
    "display_answers",
    "competitor_reports",
)
# The tables of the first store migration (0001); later ones add tables in their own migration.
_PULLED_0001 = PULLED[:16]
_PULLED_0003 = PULLED[16:21]
_PULLED_0004 = PULLED[21:22]
_PULLED_0005 = PULLED[22:23]
_PULLED_0006 = PULLED[23:27]
_PULLED_0007 = PULLED[27:28]
_PULLED_0008 = PULLED[28:]
# Written on the phone and pushed; the rest is written by the server only.
PUSHED: frozenset[str] = frozenset(PULLED) - {
    "areas",
    "settings",
    "products",
    "warnings",
    "shipments",
    "cases",
    "case_lines",
    "case_events",
    "executive_visits",
    "meetings",
    "meeting_attendees",
    "display_templates",
    "display_items",
}

# Generated columns the app queries: (column, SQLite type). Each reads the same key of `data`.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "areas": (("code", "text"), ("name", "text"), ("parent_id", "text")),
    "settings": (),
    "products": (("sku", "text"), ("name", "text"), ("brand", "text"), ("active", "integer")),
    "customers": (
        ("code", "text"),
        ("name", "text"),
        ("phone", "text"),
        ("address", "text"),
        ("tier", "integer"),
        ("status", "text"),
        ("parent_id", "text"),
        ("owner_id", "text"),
        ("area_id", "text"),
        ("grade", "text"),
        ("quadrant", "text"),
        ("lat", "real"),
        ("lng", "real"),
    ),
    "customer_contacts": (("customer_id", "text"), ("name", "text"), ("phone", "text")),
    "customer_notes": (("customer_id", "text"), ("author_id", "text"), ("kind", "text")),
    "photos": (("customer_id", "text"), ("visit_id", "text"), ("taken_at", "text")),
    "visit_plans": (("rep_id", "text"), ("week_start", "text"), ("status", "text")),
    "visit_plan_stops": (
        ("plan_id", "text"),
        ("customer_id", "text"),
        ("visit_date", "text"),
        ("seq", "integer"),
    ),
    "visits": (
        ("rep_id", "text"),
        ("customer_id", "text"),
        ("plan_stop_id", "text"),
        ("status", "text"),
        ("checkin_at", "text"),
    ),
    "stock_counts": (
        ("visit_id", "text"),
        ("customer_id", "text"),
        ("product_id", "text"),
        ("counted_at", "text"),
    ),
    "orders": (
        ("customer_id", "text"),
        ("visit_id", "text"),
        ("rep_id", "text"),
        ("status", "text"),
        ("ordered_on", "text"),
    ),
    "order_lines": (("order_id", "text"), ("product_id", "text")),
    "incidents": (("customer_id", "text"), ("visit_id", "text"), ("occurred_on", "text")),
    "complaints": (("customer_id", "text"), ("status", "text"), ("raised_on", "text")),
    "warnings": (
        ("customer_id", "text"),
        ("kind", "text"),
        ("status", "text"),
        ("severity", "text"),
        ("owner_id", "text"),
    ),
    "shipments": (
        ("doc_no", "text"),
        ("customer_id", "text"),
        ("product_id", "text"),
        ("shipped_on", "text"),
        ("confirmed_at", "text"),
    ),
    "delivery_confirmations": (("doc_no", "text"), ("customer_id", "text")),
    "cases": (
        ("customer_id", "text"),
        ("kind", "text"),
        ("status", "text"),
        ("owner_id", "text"),
        ("doc_no", "text"),
        ("due_at", "text"),
    ),
    "case_lines": (("case_id", "text"), ("customer_id", "text")),
    "case_events": (("case_id", "text"), ("customer_id", "text"), ("at", "text")),
    "case_requests": (
        ("customer_id", "text"),
        ("kind", "text"),
        ("doc_no", "text"),
        ("requested_at", "text"),
    ),
    "executive_visits": (
        ("customer_id", "text"),
        ("executive_id", "text"),
        ("planned_on", "text"),
        ("status", "text"),
    ),
    "support_activities": (
        ("customer_id", "text"),
        ("visit_id", "text"),
        ("kind", "text"),
        ("status", "text"),
        ("planned_on", "text"),
        ("done_on", "text"),
    ),
    "meetings": (("area_id", "text"), ("held_on", "text")),
    "meeting_attendees": (("meeting_id", "text"), ("customer_id", "text")),
    "meeting_decisions": (
        ("meeting_id", "text"),
        ("owner_id", "text"),
        ("status", "text"),
        ("due_on", "text"),
    ),
    "customer_feedback": (("customer_id", "text"), ("visit_id", "text"), ("recorded_on", "text")),
    "display_templates": (
        ("name", "text"),
        ("tier", "integer"),
        ("grade", "text"),
        ("active", "integer"),
    ),
    "display_items": (("template_id", "text"), ("sort", "integer")),
    "display_answers": (("visit_id", "text"), ("customer_id", "text"), ("item_id", "text")),
    "competitor_reports": (("visit_id", "text"), ("customer_id", "text"), ("reported_on", "text")),
}

# Indexes: table -> column lists (each a tuple, leading column first).
INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "areas": (("parent_id",),),
    "products": (("sku",),),
    "customers": (
        ("code",),
        ("name",),
        ("phone",),
        ("parent_id",),
        ("owner_id",),
        ("area_id",),
        ("grade",),
    ),
    "customer_contacts": (("customer_id",),),
    "customer_notes": (("customer_id",),),
    "photos": (("customer_id",), ("visit_id",)),
    "visit_plans": (("rep_id", "week_start"),),
    "visit_plan_stops": (("plan_id", "visit_date", "seq"), ("customer_id",)),
    "visits": (("customer_id", "checkin_at"), ("rep_id", "checkin_at"), ("plan_stop_id",)),
    "stock_counts": (("visit_id",), ("customer_id", "product_id", "counted_at")),
    "orders": (("customer_id", "ordered_on"), ("visit_id",)),
    "order_lines": (("order_id",),),
    "incidents": (("customer_id",),),
    "complaints": (("customer_id",),),
    "warnings": (("customer_id",), ("owner_id", "status")),
    "shipments": (("doc_no",), ("customer_id", "shipped_on")),
    "delivery_confirmations": (("doc_no",),),
    "cases": (("customer_id", "status"), ("owner_id", "status")),
    "case_lines": (("case_id",),),
    "case_events": (("case_id", "at"),),
    "case_requests": (("customer_id",),),
    "executive_visits": (("customer_id", "planned_on"), ("planned_on",)),
    "support_activities": (("customer_id",), ("visit_id",)),
    "meetings": (("held_on",),),
    "meeting_attendees": (("meeting_id",), ("customer_id",)),
    "meeting_decisions": (("owner_id", "status", "due_on"), ("meeting_id",)),
    "customer_feedback": (("customer_id", "recorded_on"), ("visit_id",)),
    "display_templates": (("tier",),),
    "display_items": (("template_id", "sort"),),
    "display_answers": (("visit_id",), ("customer_id",)),
    "competitor_reports": (("visit_id",), ("customer_id", "reported_on")),
}

# Tables whose rows hang off a customer (dropped with it when access is revoked).
CUSTOMER_CHILDREN: tuple[str, ...] = tuple(
    t for t in PULLED if any(c == "customer_id" for c, _ in COLUMNS[t])
)


def _entity_table(table: str) -> list[str]:
    cols = [
        "id text primary key",
        "data text not null",  # the row as the app sees it (server row + pending local edits)
        "version integer",  # the server version the row is based on; null = never synced
        "deleted integer not null default 0",  # a pending local delete (hidden from reads)
        "base text",  # the server row while local edits are pending (null otherwise)
    ]
    if table == "customers":
        cols.append("search text not null default ''")  # name, code, phone, address, initials
    cols += [
        f"{name} {kind} generated always as (json_extract(data, '$.{name}')) virtual"
        for name, kind in COLUMNS[table]
    ]
    statements = [f"create table {table} (\n  " + ",\n  ".join(cols) + "\n)"]
    for index in INDEXES.get(table, ()):
        statements.append(
            f"create index {table}_{'_'.join(index)}_idx on {table} ({', '.join(index)})"
        )
    return statements


_BOOKKEEPING = (
    # mutations waiting for the server, numbered 1, 2, 3 … (answered ones are deleted)
    """create table outbox (
  id integer primary key,
  tbl text not null,
  row_id text not null,
  op text not null check (op in ('upsert', 'delete')),
  patch text not null,
  base_version integer,
  created_at text not null,
  attempts integer not null default 0
)""",
    "create index outbox_row_idx on outbox (tbl, row_id, id)",
    "create table sync_state (key text primary key, value text)",
    # what the server decided against the phone's edits, for the sync screen
    """create table conflicts (
  id integer primary key autoincrement,
  mutation_id integer not null,
  tbl text not null,
  row_id text not null,
  op text not null,
  status text not null check (status in ('conflict', 'rejected')),
  sqlstate text,
  reason text,
  message_zh text not null,
  message_en text not null,
  server_row text,
  local_patch text not null,
  at text not null,
  seen integer not null default 0
)""",
    "create index conflicts_seen_idx on conflicts (seen, id)",
    # revoked rows kept only because a pending edit refers to them
    "create table revoked (tbl text not null, row_id text not null, primary key (tbl, row_id))",
)

_FIND_COLUMNS = "name, id, search, tier, grade, quadrant, owner_id, lat, lng"
_FIND_ROW = (
    "coalesce(new.name, ''), new.id, new.search, new.tier, new.grade, new.quadrant,"
    " new.owner_id, new.lat, new.lng"
)
# What search and the map read of every visible customer, without its JSON: kept by triggers,
# in name order (without rowid, so a search walks it in the order it lists, and stops at its
# page), and a few dozen bytes a row (a scan of 100,000 outlets reads ~10 MB, not the 128 MB
# of the rows' JSON, and decodes no JSON).
_CUSTOMER_FIND = (
    """create table customer_find (
  name text not null,
  id text not null,
  search text not null,
  tier integer,
  grade text,
  quadrant text,
  owner_id text,
  lat real,
  lng real,
  primary key (name, id)
) without rowid""",
    f"""create trigger customer_find_insert after insert on customers when new.deleted = 0
begin
  insert into customer_find ({_FIND_COLUMNS}) values ({_FIND_ROW});
end""",
    f"""create trigger customer_find_update after update on customers
begin
  delete from customer_find where name = coalesce(old.name, '') and id = old.id;
  insert into customer_find ({_FIND_COLUMNS}) select {_FIND_ROW} where new.deleted = 0;
end""",
    """create trigger customer_find_delete after delete on customers
begin
  delete from customer_find where name = coalesce(old.name, '') and id = old.id;
end""",
    f"insert into customer_find ({_FIND_COLUMNS}) select {_FIND_ROW.replace('new.', '')}"
    " from customers where deleted = 0",
)

# How many times customer_find has changed: the phone's in-memory search index
# (fieldapp/store/find_index.py) is rebuilt only when it has. The open warnings' customers
# from an index, not from each row's JSON (search's 有预警 filter: 11 ms → 1 ms at 5,000).
_SEARCH_INDEX = (
    "create table customer_find_gen (n integer not null)",
    "insert into customer_find_gen (n) values (0)",
    """create trigger customer_find_gen_insert after insert on customer_find
begin
  update customer_find_gen set n = n + 1;
end""",
    """create trigger customer_find_gen_delete after delete on customer_find
begin
  update customer_find_gen set n = n + 1;
end""",
    "create index warnings_open_customer on warnings (status, customer_id) where deleted = 0",
)

# Append-only: a shipped migration never changes. To add a column or index later, add a new
# Migration with `alter table … add column … generated always as (…) virtual` and extend COLUMNS
# in the same change; 0001 is rendered from the COLUMNS of its time and must render the same.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_synced_tables", tuple(s for t in _PULLED_0001 for s in _entity_table(t))),
    Migration("0002_sync_bookkeeping", _BOOKKEEPING),
    Migration("0003_dealer_tables", tuple(s for t in _PULLED_0003 for s in _entity_table(t))),
    Migration("0004_case_requests", tuple(s for t in _PULLED_0004 for s in _entity_table(t))),
    Migration("0005_support", tuple(s for t in _PULLED_0005 for s in _entity_table(t))),
    Migration("0006_meetings", tuple(s for t in _PULLED_0006 for s in _entity_table(t))),
    Migration("0007_executive_visits", tuple(s for t in _PULLED_0007 for s in _entity_table(t))),
    Migration("0008_display", tuple(s for t in _PULLED_0008 for s in _entity_table(t))),
    Migration("0009_customer_find", _CUSTOMER_FIND),
    Migration("0010_search_index", _SEARCH_INDEX),
)
