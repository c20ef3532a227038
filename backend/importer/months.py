"""New shipment lines of months that have none yet, attached as those months' partitions.

Inserted through `public.shipments`, each line runs two row triggers and six index inserts, and
the statement triggers then write its key and purchase summary. A month that has no line yet
(every month of a first import, the new month of a monthly import) is instead built as a table
of its own by one INSERT and ATTACHed as the month's partition: PostgreSQL builds the indexes by
sorting and validates the foreign keys by one join each, and the server writes the keys and the
summary set-based (migration 20261215500000_shipment_month_attach.sql). The lines are stored as
an insert through the parent stores them (id, this transaction's sync stamp, version 1, times):
phones pull them alike. Lines whose (doc_no, line_no) exists already, and lines of months that
have rows, are left in the stage for the usual merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from backend.importer.upsert import Select

# a staged line that goes into a month's new table: its month is one of them, its key is new
_NEW = sql.SQL(
    " date_trunc('month', s.shipped_on::timestamp)::date = any(%(months)s::date[])"
    " and not exists (select from private.shipment_keys k"
    " where k.doc_no = s.doc_no and k.line_no = s.line_no)"
)


def attach_new_months(
    conn: psycopg.Connection, rows: Select, stage: sql.Identifier, staged: int
) -> int:
    """Attach the `staged` lines' months that have no line yet as their partitions, with the
    lines of new keys; return how many lines that wrote. Those lines leave the stage."""
    months = [
        m
        for (m,) in conn.execute(
            sql.SQL(
                "select distinct date_trunc('month', shipped_on::timestamp)::date from {}"
                " where shipped_on is not null"
            ).format(stage)
        )
    ]
    if not months:
        return 0
    loader, new_months = conn.execute(
        "select loader::text, months from private.shipment_months_prepare(%s::date[])", (months,)
    ).fetchone()
    if loader is None:
        return 0
    args = {"months": new_months}
    # psycopg quotes nothing in `loader`: the server named it (shipment_months."...")
    filled = conn.execute(
        sql.SQL(
            "insert into {loader} ({targets}) select {values} from {stage} s{joins} where{new}"
        ).format(
            loader=sql.SQL(loader),
            targets=sql.SQL(", ").join(rows.targets),
            values=sql.SQL(", ").join(rows.values),
            stage=stage,
            joins=rows.joins,
            new=_NEW,
        ),
        args,
    ).rowcount
    if filled == staged:
        conn.execute(sql.SQL("truncate {}").format(stage))
    else:
        conn.execute(sql.SQL("delete from {} s where{}").format(stage, _NEW), args)
    (lines,) = conn.execute(
        "select private.shipment_months_attach(%s::regclass)", (loader,)
    ).fetchone()
    return int(lines or 0)
