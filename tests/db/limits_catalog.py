"""The limits the catalog holds: text and number columns of the public tables, the checks on
one column, a text column's length limit. Shared by the limit tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg

TEXT_TYPES = ("text", "character varying", "character", "jsonb", "text[]")
NUMBER_TYPES = ("smallint", "integer", "bigint", "numeric", "real", "double precision")


@dataclass(frozen=True)
class Column:
    """A column of a public table, with its table's primary key."""

    table: str
    name: str
    type: str  # format_type without the modifier
    typmod: int
    key: str  # the table's primary key column


def columns(conn: psycopg.Connection, types: tuple[str, ...]) -> list[Column]:
    """Columns of the public tables whose type is one of types, with the table's primary key."""
    rows = conn.execute(
        """
        select c.relname, a.attname, format_type(a.atttypid, null), a.atttypmod,
               (select k.attname from pg_index i
                  join pg_attribute k on k.attrelid = i.indrelid and k.attnum = i.indkey[0]
                 where i.indrelid = c.oid and i.indisprimary)
          from pg_attribute a join pg_class c on c.oid = a.attrelid
         where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
           and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
           and format_type(a.atttypid, null) = any(%s)
         order by 1, 2
        """,
        (list(types),),
    ).fetchall()
    return [Column(*r) for r in rows]


def box_columns(conn: psycopg.Connection) -> list[Column]:
    """Quantities: counted in whole units of the product (boxes), by name (quantity, *_quantity)."""
    return [
        c
        for c in columns(conn, NUMBER_TYPES)
        if c.name == "quantity" or c.name.endswith("_quantity")
    ]


def checks_on(conn: psycopg.Connection, col: Column) -> list[str]:
    """Definitions of the check constraints on this column alone."""
    return [
        r[0]
        for r in conn.execute(
            """
            select pg_get_constraintdef(k.oid) from pg_constraint k
              join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
             where k.conrelid = %s::regclass and k.contype = 'c' and a.attname = %s
               and cardinality(k.conkey) = 1
            """,
            (f"public.{col.table}", col.name),
        )
    ]


def text_limit(conn: psycopg.Connection, col: Column) -> int | None:
    """The most characters (bytes for JSON, elements for lists) the column takes; None: no limit."""
    if col.type in ("character varying", "character") and col.typmod > 4:
        return col.typmod - 4
    for d in checks_on(conn, col):
        pattern = {"jsonb": r"octet_length\(\(?\w+\)?::text\) <= (\d+)"}.get(
            col.type, r"(?:char_)?length\(\(?\w+\)?\) <= (\d+)"
        )
        if col.type == "text[]":
            pattern = r"cardinality\(\w+\) <= (\d+)"
        if m := re.search(pattern, d):
            return int(m.group(1))
    return None
