"""Supabase Storage's HTTP hop for the fake (tests/fake_supabase.py), on the real database.

As Supabase's storage server does: the bucket's limits (size, types) are read with service
rights; the object's row is inserted into storage.objects as the caller (role and JWT claims set
locally, RLS on), so the migration's storage policies decide; the bytes are kept only when that
row commits. Errors have storage-api's shape: {"statusCode": "403", "error": …, "message": …}.

Plain PostgreSQL has no storage schema: STORAGE_SQL is the small part of Supabase's that the
policies use (buckets, objects, storage.foldername), created before the migrations run.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from email.policy import HTTP
from importlib import resources
from typing import Any

import httpx
import psycopg
from psycopg.conninfo import make_conninfo

from backend.migrate import migrate
from tests.postgrest import request

STORAGE_SQL = """
create schema storage;
grant usage on schema storage to anon, authenticated, service_role;
create table storage.buckets (
  id text primary key,
  name text not null unique,
  owner uuid,
  public boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create table storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  version text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now()
);
create unique index bucketid_objname on storage.objects (bucket_id, name);
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
create function storage.foldername(name text) returns text[]
language plpgsql
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;
grant execute on function storage.foldername(text) to anon, authenticated, service_role;
"""


@contextmanager
def storage_template(server_url: str) -> Iterator[str]:
    """A database like a Supabase project's: the storage schema, then every migration (so that
    the migration's storage part runs). Yields its name, to use as a template."""
    name = f"fieldsales_st_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name}")
    try:
        with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as conn:
            conn.execute(resources.files("backend").joinpath("sql/auth_compat.sql").read_text())
            conn.execute(STORAGE_SQL)
            migrate(conn)
        yield name
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


class StorageError(Exception):
    """An answer of storage-api with an error body."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"statusCode": str(status), "error": error, "message": message}


class FakeStorage:
    """POST /storage/v1/object/<bucket>/<name> (upload), GET the same (download), POST
    /storage/v1/object/list/<bucket> (one folder level, as storage.search answers) and DELETE
    /storage/v1/object/<bucket> with {"prefixes": [names]} (remove): all as the caller, so RLS
    decides what a user sees and removes (the service role bypasses it, as on Supabase)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.blobs: dict[tuple[str, str], bytes] = {}  # (bucket, name) → bytes

    def handle(self, req: httpx.Request, claims: dict[str, Any]) -> httpx.Response:
        """Answer one storage request for the caller's claims."""
        rest = req.url.path.removeprefix("/storage/v1/object/").removeprefix("authenticated/")
        if req.method == "POST" and rest.startswith("list/"):
            return httpx.Response(200, json=self._list(req, claims, rest.removeprefix("list/")))
        bucket, _, name = rest.partition("/")
        if req.method == "DELETE" and bucket and not name:
            return httpx.Response(200, json=self._remove(req, claims, bucket))
        if not bucket or not name:
            raise StorageError(400, "InvalidKey", f"Invalid key: {rest}")
        if req.method == "POST":
            return httpx.Response(200, json=self._upload(req, claims, bucket, name))
        if req.method == "GET":
            data, mime = self._download(claims, bucket, name)
            return httpx.Response(200, content=data, headers={"content-type": mime})
        raise StorageError(405, "MethodNotAllowed", f"{req.method} is not served by the fake")

    def _upload(
        self, req: httpx.Request, claims: dict[str, Any], bucket: str, name: str
    ) -> dict[str, str]:
        data, mime = _file_part(req)
        limits = self.conn.execute(
            "select file_size_limit, allowed_mime_types from storage.buckets where id = %s",
            (bucket,),
        ).fetchone()
        if limits is None:
            raise StorageError(404, "Bucket not found", "Bucket not found")
        size_limit, types = limits
        if types and mime not in types:
            raise StorageError(415, "invalid_mime_type", f"mime type {mime} is not supported")
        if size_limit is not None and len(data) > size_limit:
            raise StorageError(
                413, "Payload too large", "The object exceeded the maximum allowed size"
            )
        if req.headers.get("x-upsert", "false") == "true":
            raise StorageError(400, "NotSupported", "the fake serves upsert=false only")
        role = claims.get("role", "anon")
        metadata = {
            "eTag": f'"{hashlib.md5(data).hexdigest()}"',  # S3-style ETag
            "size": len(data),
            "mimetype": mime,
            "cacheControl": "max-age=3600",
            "contentLength": len(data),
            "httpStatusCode": 200,
        }
        try:
            with request(self.conn, claims if role != "anon" else None, commit=True) as cur:
                cur.execute(
                    "insert into storage.objects (bucket_id, name, owner, owner_id, metadata)"
                    " values (%s, %s, %s, %s, %s) returning id::text",
                    (bucket, name, claims.get("sub"), claims.get("sub"), json.dumps(metadata)),
                )
                object_id = cur.fetchone()["id"]
        except psycopg.errors.UniqueViolation as exc:
            raise StorageError(409, "Duplicate", "The resource already exists") from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StorageError(
                403, "Unauthorized", "new row violates row-level security policy"
            ) from exc
        self.blobs[(bucket, name)] = data
        return {"Key": f"{bucket}/{name}", "Id": object_id}

    def _download(self, claims: dict[str, Any], bucket: str, name: str) -> tuple[bytes, str]:
        role = claims.get("role", "anon")
        with request(self.conn, claims if role != "anon" else None, read_only=True) as cur:
            cur.execute(
                "select metadata ->> 'mimetype' as mime from storage.objects"
                " where bucket_id = %s and name = %s",
                (bucket, name),
            )
            row = cur.fetchone()
        if row is None or (bucket, name) not in self.blobs:
            raise StorageError(404, "not_found", "Object not found")
        return self.blobs[(bucket, name)], row["mime"] or "application/octet-stream"

    def _list(self, req: httpx.Request, claims: dict[str, Any], bucket: str) -> list[dict]:
        """The entries of one folder level: sub-folders (id null) and objects, by name, paged
        by limit and offset, filtered by `search` (a name prefix), as storage.search does."""
        body = _json_body(req)
        prefix = str(body.get("prefix") or "").strip("/")
        limit, offset = int(body.get("limit", 100)), int(body.get("offset", 0))
        search = str(body.get("search") or "")
        if prefix and "/" in prefix:
            raise StorageError(400, "InvalidRequest", "the fake lists one folder level only")
        role = claims.get("role", "anon")
        with request(self.conn, claims if role != "anon" else None, read_only=True) as cur:
            cur.execute(
                "select name, id::text, created_at, updated_at, last_accessed_at, metadata"
                " from storage.objects where bucket_id = %s and name like %s order by name",
                (bucket, f"{prefix}/%" if prefix else "%"),
            )
            rows = cur.fetchall()
        entries: dict[str, dict[str, Any]] = {}
        for row in rows:
            rest = row["name"][len(prefix) + 1 :] if prefix else row["name"]
            head, slash, _tail = rest.partition("/")
            if not head.startswith(search):
                continue
            if slash:
                entries.setdefault(head, _folder_entry(head))
            else:
                entries[head] = {
                    "name": head,
                    "id": row["id"],
                    "updated_at": row["updated_at"].isoformat(),
                    "created_at": row["created_at"].isoformat(),
                    "last_accessed_at": row["last_accessed_at"].isoformat(),
                    "metadata": row["metadata"],
                }
        names = sorted(entries)[offset : offset + limit]
        return [entries[n] for n in names]

    def _remove(self, req: httpx.Request, claims: dict[str, Any], bucket: str) -> list[dict]:
        """Delete the named objects the caller may delete (RLS; none without a delete policy);
        missing names are no error. Answers the deleted objects, as storage-api does."""
        prefixes = _json_body(req).get("prefixes")
        if (
            not isinstance(prefixes, list)
            or not 1 <= len(prefixes) <= 1000
            or not all(isinstance(p, str) for p in prefixes)
        ):
            raise StorageError(400, "InvalidRequest", "prefixes: 1 to 1000 object names")
        role = claims.get("role", "anon")
        with request(self.conn, claims if role != "anon" else None, commit=True) as cur:
            cur.execute(
                "delete from storage.objects where bucket_id = %s and name = any(%s)"
                " returning name, id::text, bucket_id, metadata",
                (bucket, prefixes),
            )
            deleted = cur.fetchall()
        for row in deleted:
            self.blobs.pop((bucket, row["name"]), None)
        return [dict(row) for row in deleted]


def _folder_entry(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "id": None,
        "updated_at": None,
        "created_at": None,
        "last_accessed_at": None,
        "metadata": None,
    }


def _json_body(req: httpx.Request) -> dict[str, Any]:
    try:
        body = json.loads(req.content or b"{}")
    except json.JSONDecodeError as exc:
        raise StorageError(400, "InvalidRequest", "the body is not JSON") from exc
    if not isinstance(body, dict):
        raise StorageError(400, "InvalidRequest", "the body must be a JSON object")
    return body


def _file_part(req: httpx.Request) -> tuple[bytes, str]:
    """The bytes and type of the multipart field `file` (as supabase-py's storage3 sends it)."""
    ctype = req.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise StorageError(400, "InvalidRequest", "expected multipart/form-data")
    head = f"Content-Type: {ctype}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + req.content)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file":
            return part.get_payload(decode=True) or b"", part.get_content_type()
    raise StorageError(400, "InvalidRequest", "no file in the upload")
