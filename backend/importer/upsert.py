"""Write validated sheets to PostgreSQL: COPY into staging tables, then upsert by natural key."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import psycopg
from psycopg import sql

from backend.importer.months import attach_new_months
from backend.importer.spec import SHEETS_BY_NAME, Col, Sheet
from backend.progress import Phases, Step

# how each referenced sheet is found in the database: table and natural-key column
REF_TABLES: dict[str, tuple[str, str]] = {
    "areas": ("areas", "code"),
    "users": ("profiles", "email"),
    "customers": ("customers", "code"),
    "products": ("products", "sku"),
    "contracts": ("contracts", "contract_no"),
}
# dependency order; customers come before users (a dealer's login names its company), but the
# staff among the users are merged first, so that customers are inserted with their owners:
# setting 20,000 owners afterwards by one update ran their triggers once per row and tree level
ORDER = (
    "areas",
    "products",
    "customers",
    "users",
    "contracts",
    "contract_lines",
    "plans",
    "shipments",
    "payments",
    "returns",
    "expenses",
    "budgets",
    "incidents",
    "evaluations",
    "support",
)
_STAGE_TYPES = {
    "int": "integer",
    "decimal": "numeric",
    "lat": "double precision",
    "lng": "double precision",
    "date": "date",
    "month": "date",
    "bool": "boolean",
    "list": "text[]",
}
_COPY_REPORT = 10_000  # rows COPYed between two advances of the stage's progress


def _stage_type(col: Col) -> str:
    if col.kind == "enum" and all(k.isdigit() for k in col.choices):
        return "smallint"
    return _STAGE_TYPES.get(col.kind, "text")


def existing_keys(conn: psycopg.Connection, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """Which of the wanted natural keys already exist in the database, per referenced sheet."""
    found: dict[str, set[str]] = {}
    for sheet, values in wanted.items():
        table, key = REF_TABLES[sheet]
        query = sql.SQL("select {k} from public.{t} where {k} = any(%s)").format(
            k=sql.Identifier(key), t=sql.Identifier(table)
        )
        found[sheet] = {r[0] for r in conn.execute(query, (sorted(values),))}
    return found


def user_roles(conn: psycopg.Connection, emails: set[str]) -> dict[str, str]:
    """Roles of the given users that are already in the database, by lower-case email."""
    rows = conn.execute(
        "select lower(email), role from public.profiles where lower(email) = any(%s)",
        (sorted(e.lower() for e in emails),),
    )
    return {email: role for email, role in rows}


def customer_tiers(conn: psycopg.Connection, codes: set[str]) -> dict[str, int]:
    """Tiers of the given customers that are already in the database."""
    rows = conn.execute(
        "select code, tier from public.customers where code = any(%s)", (sorted(codes),)
    )
    return {code: tier for code, tier in rows}


def area_parents(conn: psycopg.Connection) -> dict[str, str | None]:
    """Every area in the database: code → its parent's code (None at the top)."""
    rows = conn.execute(
        "select a.code, p.code from public.areas a left join public.areas p on p.id = a.parent_id"
    )
    return dict(rows.fetchall())


def load(
    conn: psycopg.Connection,
    frames: dict[str, pd.DataFrame],
    progress: Phases | None = None,
    *,
    attach_months: bool = True,
) -> dict[str, tuple[int, int]]:
    """Upsert every sheet in dependency order; return (inserted, updated) per sheet. Each
    sheet's staging (COPY) and merge are phases of `progress` (default: silent). New shipment
    lines of months that have none yet are attached as those months' partitions (months.py);
    `attach_months=False` (for tests) inserts them through the parent as every other line."""
    phases = progress or Phases()
    counts: dict[str, tuple[int, int]] = {}
    staged: dict[str, sql.Identifier] = {}
    for name in ORDER:
        frame = frames.get(name)
        if frame is None:
            continue
        sheet = SHEETS_BY_NAME[name]
        if name == "customers" and "users" in frames:  # the staff, before what they own
            users = frames["users"]
            with phases.step("stage users", total=len(users)) as s:
                staged["users"] = _stage(conn, SHEETS_BY_NAME["users"], users, s)
            staff = "s.customer_code is null" if "customer_code" in users else None
            with phases.step("merge staff", total=len(users)) as s:
                counts["staff"] = _merge_users(conn, users, staged["users"], staff)
                s.advance(len(users))
        if name not in staged:
            with phases.step(f"stage {name}", total=len(frame)) as s:
                staged[name] = _stage(conn, sheet, frame, s)
        attached = 0
        if name == "shipments" and attach_months and "shipped_on" in frame.columns:
            with phases.step("attach shipment months", total=len(frame)) as s:
                rows = select_rows(sheet, frame, current=False)
                attached = attach_new_months(conn, rows, staged[name], len(frame))
                s.advance(attached)
        with phases.step(f"merge {name}", total=len(frame)) as s:
            # nothing left in the stage when every line went into a new month
            got = _merge(conn, frames, name, staged[name]) if attached < len(frame) else (0, 0)
            counts[name] = (got[0] + attached, got[1])
            s.advance(len(frame))
        if name == "users" and "staff" in counts:
            staff_counts = counts.pop("staff")
            counts["users"] = (
                counts["users"][0] + staff_counts[0],
                counts["users"][1] + staff_counts[1],
            )
        # owners who were not among the staff merged first (none in a valid workbook): set
        # now; an update of no rows when every owner was set on insert
        if name == "users" and "customers" in frames and "owner_email" in frames["customers"]:
            with phases.step("link customer owners", total=len(frames["customers"])) as s:
                _link(
                    conn,
                    SHEETS_BY_NAME["customers"],
                    frames["customers"],
                    sql.Identifier("_stage_customers"),
                    "owner_email",
                )
                s.advance(len(frames["customers"]))
    return counts


def _merge(
    conn: psycopg.Connection, frames: dict[str, pd.DataFrame], name: str, stage: sql.Identifier
) -> tuple[int, int]:
    """Upsert one staged sheet into its table; (inserted, updated)."""
    sheet, frame = SHEETS_BY_NAME[name], frames[name]
    if name == "areas":
        counts = _upsert(conn, sheet, frame, stage, skip={"parent_code"})
        _link(conn, sheet, frame, stage, "parent_code")
        return counts
    if name == "customers":
        total = (0, 0)
        for tier in (1, 2, 3):  # parents exist before their children are looked up
            got = _upsert(conn, sheet, frame, stage, where=f"s.tier = {tier}")
            total = (total[0] + got[0], total[1] + got[1])
        return total
    if name == "users":
        return _merge_users(conn, frame, stage)
    if name == "shipments" and "shipped_on" in frame.columns:
        # the months' partitions first, so that no line waits in the default partition
        conn.execute(
            sql.SQL(
                "select private.ensure_shipment_months(min(shipped_on), max(shipped_on)) from {}"
            ).format(stage)
        )
    return _upsert(conn, sheet, frame, stage)


def _merge_users(
    conn: psycopg.Connection, frame: pd.DataFrame, stage: sql.Identifier, where: str | None = None
) -> tuple[int, int]:
    """Upsert staged users (those matching `where`) with their auth users; (inserted, updated)."""
    cond = sql.SQL(f" and {where}") if where else sql.SQL("")
    conn.execute(
        sql.SQL(
            "insert into auth.users (id, email)"
            " select gen_random_uuid(), s.email from {s} s where not exists"
            " (select from auth.users u where lower(u.email) = s.email){c}"
        ).format(s=stage, c=cond)
    )
    return _upsert(conn, SHEETS_BY_NAME["users"], frame, stage, where=where, extra_id="users")


def _stage(
    conn: psycopg.Connection, sheet: Sheet, frame: pd.DataFrame, step: Step | None = None
) -> sql.Identifier:
    """A temporary table holding the sheet's typed rows, filled by COPY (counted in step)."""
    stage = sql.Identifier(f"_stage_{sheet.name}")
    cols = [sheet.col(c) for c in frame.columns]
    conn.execute(sql.SQL("drop table if exists {}").format(stage))
    conn.execute(
        sql.SQL("create temp table {} ({}) on commit drop").format(
            stage,
            sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(_stage_type(c)))
                for c in cols
            ),
        )
    )
    converters = [list if c.kind == "list" else None for c in cols]
    with (
        conn.cursor() as cur,
        cur.copy(
            sql.SQL("copy {} ({}) from stdin").format(
                stage, sql.SQL(", ").join(map(sql.Identifier, frame.columns))
            )
        ) as copy,
    ):
        for i, row in enumerate(frame.itertuples(index=False, name=None), 1):
            copy.write_row(
                [
                    None if v is None else (f(v) if f else v)
                    for v, f in zip(row, converters, strict=True)
                ]
            )
            if step and i % _COPY_REPORT == 0:
                step.advance(_COPY_REPORT)
    if step:
        step.advance(len(frame) % _COPY_REPORT)
    return stage


@dataclass(frozen=True)
class Select:
    """A staged sheet as the table's rows: target columns, their values over the stage `s`, and
    the joins those need (`cur`: the row as it is, found by its key)."""

    targets: list[sql.Composable]
    values: list[sql.Composable]
    joins: sql.Composable
    conflict: list[sql.Identifier]


def select_rows(
    sheet: Sheet,
    frame: pd.DataFrame,
    *,
    skip: set[str] = frozenset(),
    extra_id: str | None = None,
    current: bool = True,
) -> Select:
    """How the stage's rows become the table's: a blank cell of a column with a default gives a
    new row the default and leaves an existing row's value. Without `current`, every row is taken
    as new (no `cur`)."""
    targets: list[sql.Composable] = []
    values: list[sql.Composable] = []
    joins: list[sql.Composable] = []
    defaults: dict[int, Col] = {}
    for i, name in enumerate(frame.columns):
        col = sheet.col(name)
        if name in skip:
            continue
        targets.append(sql.Identifier(col.db or col.name))
        if col.ref:
            table, key = REF_TABLES[col.ref]
            alias = sql.Identifier(f"r{i}")
            joins.append(
                sql.SQL(" left join public.{t} {a} on {a}.{k} = s.{c}").format(
                    t=sql.Identifier(table), a=alias, k=sql.Identifier(key), c=sql.Identifier(name)
                )
            )
            values.append(sql.SQL("{}.id").format(alias))
        else:
            values.append(sql.SQL("s.{}").format(sql.Identifier(name)))
        if col.default is not None or col.keep:
            defaults[len(values) - 1] = col
    if extra_id == "users":  # a profile's id is its auth user's id
        targets.append(sql.Identifier("id"))
        values.append(
            sql.SQL("(select u.id from auth.users u where lower(u.email) = s.email limit 1)")
        )
    conflict = [sql.Identifier(c.db or c.name) for c in (sheet.col(k) for k in sheet.key)]
    if current:  # the row as it is, found by its key's values (absent for a new row)
        keys = [values[targets.index(c)] for c in conflict]
        joins.append(
            sql.SQL(" left join public.{t} cur on ({o}) = ({k})").format(
                t=sql.Identifier(sheet.table),
                o=sql.SQL(", ").join(sql.SQL("cur.{}").format(c) for c in conflict),
                k=sql.SQL(", ").join(keys),
            )
        )
    for i, col in defaults.items():
        now = sql.SQL("cur.{}, ").format(targets[i]) if current else sql.SQL("")
        values[i] = sql.SQL("coalesce({}, {}{})").format(values[i], now, _literal(col))
    return Select(targets, values, sql.SQL("").join(joins), conflict)


def _upsert(
    conn: psycopg.Connection,
    sheet: Sheet,
    frame: pd.DataFrame,
    stage: sql.Identifier,
    *,
    skip: set[str] = frozenset(),
    where: str | None = None,
    extra_id: str | None = None,
) -> tuple[int, int]:
    """Upsert the stage into the table by natural key; return (inserted, updated)."""
    rows = select_rows(sheet, frame, skip=skip, extra_id=extra_id)
    targets, values, conflict = rows.targets, rows.values, rows.conflict
    fixed = [*conflict, sql.Identifier("id")]
    fixed += [sql.Identifier(c.db or c.name) for c in sheet.cols if c.initial]
    updates = [t for t in targets if t not in fixed]
    parts = {
        "table": sql.Identifier(sheet.table),
        "targets": sql.SQL(", ").join(targets),
        "values": sql.SQL(", ").join(values),
        "stage": stage,
        "joins": rows.joins,
        "and": sql.SQL(f" and {where}") if where else sql.SQL(""),
    }
    # Existing rows first, by one UPDATE of those that changed: an unchanged row is not touched
    # (a re-import does not look like new data to phones) and fires no trigger. An INSERT ...
    # ON CONFLICT would run every row's BEFORE INSERT triggers before it found the conflict.
    updated = 0
    if updates:
        updated = conn.execute(
            sql.SQL(
                "update public.{table} t set {sets}"
                " from (select cur.id as _cur_id, {named} from {stage} s{joins}"
                " where cur.id is not null{and}) v"
                " where t.id = v._cur_id and ({old}) is distinct from ({new})"
            ).format(
                sets=sql.SQL(", ").join(sql.SQL("{0} = v.{0}").format(t) for t in updates),
                named=sql.SQL(", ").join(
                    sql.SQL("{} as {}").format(v, t) for v, t in zip(values, targets, strict=True)
                ),
                old=sql.SQL(", ").join(sql.SQL("t.{}").format(t) for t in updates),
                new=sql.SQL(", ").join(sql.SQL("v.{}").format(t) for t in updates),
                **parts,
            )
        ).rowcount
    # then the new rows; one inserted meanwhile by someone else is updated as before
    action = (
        sql.SQL("do update set {sets} where ({old}) is distinct from ({new})").format(
            sets=sql.SQL(", ").join(sql.SQL("{0} = excluded.{0}").format(t) for t in updates),
            old=sql.SQL(", ").join(sql.SQL("t.{}").format(t) for t in updates),
            new=sql.SQL(", ").join(sql.SQL("excluded.{}").format(t) for t in updates),
        )
        if updates
        else sql.SQL("do nothing")
    )
    # shipments are partitioned: no unique index names their key (a trigger keeps it), so a
    # line inserted meanwhile by someone else fails the import, which can then be run again
    # (nor can it return xmax: every row it returns is new)
    arbiter = (
        sql.SQL(" returning true as new")
        if sheet.table == "shipments"
        else sql.SQL(" on conflict ({conflict}) {action} returning (xmax = 0) as new").format(
            conflict=sql.SQL(", ").join(conflict), action=action
        )
    )
    query = sql.SQL(
        "with done as (insert into public.{table} as t ({targets})"
        " select {values} from {stage} s{joins} where cur.id is null{and}"
        "{arbiter})"
        " select count(*) filter (where new), count(*) filter (where not new) from done"
    ).format(arbiter=arbiter, **parts)
    inserted, raced = conn.execute(query).fetchone()
    return inserted, updated + raced


def _link(
    conn: psycopg.Connection, sheet: Sheet, frame: pd.DataFrame, stage: sql.Identifier, column: str
) -> None:
    """Set a reference column after its targets exist (area parents, customer owners)."""
    if column not in frame.columns:
        return
    col = sheet.col(column)
    table, key = REF_TABLES[col.ref]
    own_key = sheet.key[0]
    conn.execute(
        sql.SQL(
            "update public.{t} x set {dbcol} = r.id from {stage} s"
            " left join public.{rt} r on r.{rk} = s.{c}"
            " where x.{k} = s.{k} and x.{dbcol} is distinct from r.id"
        ).format(
            t=sql.Identifier(sheet.table),
            dbcol=sql.Identifier(col.db),
            stage=stage,
            rt=sql.Identifier(table),
            rk=sql.Identifier(key),
            c=sql.Identifier(column),
            k=sql.Identifier(own_key),
        )
    )


def _literal(col: Col) -> sql.Composable:
    """A column's default as an SQL value of its staged type."""
    if col.kind == "list":
        return sql.SQL("'{}'::text[]")
    if col.default is None:  # a kept column: blank stays blank
        return sql.SQL("null::{}").format(sql.SQL(_stage_type(col)))
    return sql.SQL("{}::{}").format(sql.Literal(col.default), sql.SQL(_stage_type(col)))
