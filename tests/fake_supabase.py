"""The only fake: Supabase's HTTP hop, served by the real SQL functions on the real database.

An httpx transport that answers `POST /auth/v1/token?grant_type=password|refresh_token` for test
users (a JWT with sub, role and email, signed with a test secret) and `/rest/v1/rpc/<fn>` exactly
as PostgREST would: role and claims from the bearer token, set locally in one transaction;
named arguments from the JSON body (typed through json_to_record, as PostgREST does); read-only
when the function is stable or immutable; errors as PostgREST JSON with PostgREST's HTTP status.
`/storage/v1/object/…` is Supabase Storage, answered by tests/fake_storage.py under the
storage.objects policies. Faults can be queued to test the client's retries.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import psycopg
from psycopg import sql

from tests.fake_storage import FakeStorage, StorageError
from tests.postgrest import request

SECRET = "fieldsales-test-jwt-secret-at-least-32-bytes-long"


class _HttpError(Exception):
    def __init__(self, status: int, body: dict[str, Any] | None) -> None:
        super().__init__(status)
        self.status, self.body = status, body  # body None: a gateway's plain-text page


@dataclass
class Call:
    """One request the fake answered (for assertions)."""

    path: str
    status: int
    read_only: bool | None = None
    role: str | None = None


def http_status(sqlstate: str, role: str) -> int:
    """PostgREST's HTTP status for a SQLSTATE (docs: Errors → SQLSTATE to HTTP)."""
    if sqlstate == "42501":
        return 401 if role == "anon" else 403
    if sqlstate in ("P0002", "42883", "42P01"):
        return 404
    if sqlstate.startswith("23"):
        return 409
    if sqlstate.startswith(("08", "53")):
        return 503
    if sqlstate.startswith(("28", "0L", "0P")):
        return 403
    if sqlstate.startswith(
        ("09", "25", "2D", "38", "39", "3B", "40", "54", "55", "57", "58", "F0", "HV", "XX")
    ) or (sqlstate.startswith("P0") and sqlstate != "P0001"):
        return 500
    return 400  # 22023, 22P02, P0001 and everything else


class FakeSupabase:
    """Serves auth and RPC for one database; queue faults with fail_next()."""

    def __init__(self, db_url: str, passwords: dict[str, str], *, token_ttl: int = 3600) -> None:
        self.conn = psycopg.connect(db_url, autocommit=True)
        self.passwords = {k.lower(): v for k, v in passwords.items()}
        self.token_ttl = token_ttl
        self.anon_key = jwt.encode({"role": "anon", "iss": "supabase"}, SECRET, algorithm="HS256")
        # the project's service key (the service side's; its role bypasses RLS, as on Supabase)
        self.service_key = jwt.encode(
            {"role": "service_role", "iss": "supabase"}, SECRET, algorithm="HS256"
        )
        self.refresh_tokens: dict[str, str] = {}
        self.calls: list[Call] = []
        self._faults: deque[str] = deque()
        self._storage_faults: deque[str] = deque()
        self.storage = FakeStorage(self.conn)
        self._lock = threading.Lock()

    @property
    def transport(self) -> httpx.MockTransport:
        """The httpx transport to hand to the client."""
        return httpx.MockTransport(self.handle)

    def fail_next(self, *faults: str) -> None:
        """Queue faults for the next RPC calls: '503', '503-json', 'connect', 'lost' (the call
        commits, then the connection drops before the answer)."""
        self._faults.extend(faults)

    def fail_next_storage(self, *faults: str) -> None:
        """Queue faults for the next storage calls: '503', 'connect', 'lost' (the object is
        stored, then the connection drops before the answer)."""
        self._storage_faults.extend(faults)

    def close(self) -> None:
        """Close the database connection."""
        self.conn.close()

    # -- HTTP ----------------------------------------------------------------------------------

    def handle(self, req: httpx.Request) -> httpx.Response:
        """Answer one request."""
        with self._lock:
            path = req.url.path
            call = Call(path, 0)
            self.calls.append(call)
            try:
                if req.headers.get("apikey") not in (self.anon_key, self.service_key):
                    raise _HttpError(401, {"message": "Invalid API key", "hint": "apikey"})
                if path == "/auth/v1/token" and req.method == "POST":
                    body = self._token(req)
                elif path.startswith("/rest/v1/rpc/") and req.method == "POST":
                    body = self._rpc(req, path.removeprefix("/rest/v1/rpc/"), call)
                elif path.startswith("/storage/v1/object/"):
                    answer = self._storage(req, call)
                    call.status = answer.status_code
                    return answer
                else:
                    raise _HttpError(404, {"message": f"no route {req.method} {path}"})
            except _HttpError as err:
                call.status = err.status
                if err.body is None:
                    return httpx.Response(err.status, text="Service Unavailable")
                return httpx.Response(err.status, json=err.body)
            call.status = 200
            return httpx.Response(
                200, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
            )

    # -- auth ------------------------------------------------------------------------------------

    def _token(self, req: httpx.Request) -> dict[str, Any]:
        grant = req.url.params.get("grant_type")
        body = json.loads(req.content or b"{}")
        if grant == "password":
            email = str(body.get("email", "")).lower()
            if self.passwords.get(email) is None or self.passwords[email] != body.get("password"):
                raise _HttpError(
                    400,
                    {
                        "code": "invalid_credentials",
                        "error_code": "invalid_credentials",
                        "msg": "Invalid login credentials",
                    },
                )
        elif grant == "refresh_token":
            email = self.refresh_tokens.pop(str(body.get("refresh_token")), "")
            if not email:
                raise _HttpError(
                    400,
                    {
                        "code": "refresh_token_not_found",
                        "error_code": "refresh_token_not_found",
                        "msg": "Invalid Refresh Token",
                    },
                )
        else:
            raise _HttpError(400, {"error_code": "validation_failed", "msg": "bad grant_type"})
        found = self.conn.execute(
            "select id::text, created_at from auth.users where lower(email) = %s", (email,)
        ).fetchone()
        if found is None:
            raise _HttpError(
                400,
                {
                    "code": "invalid_credentials",
                    "error_code": "invalid_credentials",
                    "msg": "Invalid login credentials",
                },
            )
        user_id, created = found
        now = int(time.time())
        claims = {
            "sub": user_id,
            "role": "authenticated",
            "email": email,
            "aud": "authenticated",
            "iat": now,
            "exp": now + self.token_ttl,
            "session_id": str(uuid.uuid4()),
        }
        refresh = secrets.token_urlsafe(16)
        self.refresh_tokens[refresh] = email
        return {
            "access_token": jwt.encode(claims, SECRET, algorithm="HS256"),
            "token_type": "bearer",
            "expires_in": self.token_ttl,
            "expires_at": now + self.token_ttl,
            "refresh_token": refresh,
            "user": {
                "id": user_id,
                "aud": "authenticated",
                "role": "authenticated",
                "email": email,
                "app_metadata": {"provider": "email"},
                "user_metadata": {},
                "created_at": created.isoformat(),
            },
        }

    def _claims(self, req: httpx.Request) -> dict[str, Any]:
        auth = req.headers.get("authorization", "")
        token = (
            auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else self.anon_key
        )
        try:
            return jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_aud": False})
        except jwt.ExpiredSignatureError as exc:
            raise _HttpError(
                401, {"code": "PGRST303", "message": "JWT expired", "details": None, "hint": None}
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise _HttpError(
                401, {"code": "PGRST301", "message": "JWSError", "details": str(exc), "hint": None}
            ) from exc

    # -- storage ---------------------------------------------------------------------------------

    def _storage(self, req: httpx.Request, call: Call) -> httpx.Response:
        fault = self._storage_faults.popleft() if self._storage_faults else None
        if fault == "connect":
            raise httpx.ConnectError("connection refused (injected)", request=req)
        if fault == "503":
            return httpx.Response(503, text="Service Unavailable")
        try:
            try:
                claims = self._claims(req)
            except _HttpError as exc:  # storage-api answers a bad token with 400 InvalidJWT
                raise StorageError(400, "InvalidJWT", str(exc.body)) from exc
            call.role = claims.get("role", "anon")
            answer = self.storage.handle(req, claims)
        except StorageError as err:
            return httpx.Response(err.status, json=err.body)
        call.status = answer.status_code
        if fault == "lost":  # stored; the answer never arrives
            raise httpx.ReadError("connection reset by peer (injected)", request=req)
        return answer

    # -- rpc -------------------------------------------------------------------------------------

    def _function(self, fn: str, given: set[str]) -> tuple[list[tuple[str, str]], bool, bool]:
        """The public function's (name, type) arguments that are given, whether it is read-only
        and whether it returns a set (PostgREST then answers a JSON array)."""
        for names, types, nargs, ndefaults, volatile, retset in self.conn.execute(
            "select p.proargnames, array(select format_type(t, null) from unnest(p.proargtypes) t),"
            " p.pronargs, p.pronargdefaults, p.provolatile, p.proretset"
            " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            " where n.nspname = 'public' and p.proname = %s",
            (fn,),
        ):
            names = (names or [])[:nargs]
            required = set(names[: nargs - ndefaults])
            if required <= given <= set(names):
                args = [(n, t) for n, t in zip(names, types, strict=True) if n in given]
                return args, volatile in ("s", "i"), retset
        raise _HttpError(
            404,
            {
                "code": "PGRST202",
                "message": f"Could not find the function "
                f"public.{fn}({', '.join(sorted(given))}) in the schema cache",
                "details": None,
                "hint": None,
            },
        )

    def _rpc(self, req: httpx.Request, fn: str, call: Call) -> Any:
        claims = self._claims(req)
        role = claims.get("role", "anon")
        call.role = role
        try:
            body = json.loads(req.content or b"{}")
        except json.JSONDecodeError as exc:
            raise _HttpError(400, {"code": "PGRST102", "message": "Empty or invalid json"}) from exc
        if not isinstance(body, dict):
            raise _HttpError(400, {"code": "PGRST102", "message": "expected a JSON object"})
        args, read_only, retset = self._function(fn, set(body))
        call.read_only = read_only
        fault = self._faults.popleft() if self._faults else None
        if fault == "connect":
            raise httpx.ConnectError("connection refused (injected)", request=req)
        if fault == "503":
            raise _HttpError(503, None)
        if fault == "503-json":
            raise _HttpError(
                503,
                {
                    "code": "PGRST001",
                    "message": "Database client error",
                    "details": "injected",
                    "hint": None,
                },
            )
        # as PostgREST: select fn(a := _.a, …) from json_to_record($1) as _(a type, …)
        query = sql.SQL(
            "select {row} as result from json_to_record(%s::json) as _({cols}),"
            " lateral public.{fn}({args}) r"
        ).format(
            row=sql.SQL(
                "coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb)" if retset else "to_jsonb(r)"
            ),
            cols=sql.SQL(", ").join(
                sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in args
            )
            if args
            else sql.SQL("_dummy int"),
            fn=sql.Identifier(fn),
            args=sql.SQL(", ").join(
                sql.SQL("{} => _.{}").format(sql.Identifier(n), sql.Identifier(n)) for n, _t in args
            ),
        )
        pg_claims = claims if role != "anon" else None
        try:
            with request(self.conn, pg_claims, read_only=read_only, commit=True) as cur:
                cur.execute(query, (json.dumps(body),))
                row = cur.fetchone()
        except psycopg.Error as exc:
            diag = exc.diag
            code = exc.sqlstate or "XX000"
            raise _HttpError(
                http_status(code, role),
                {
                    "code": code,
                    "message": diag.message_primary,
                    "details": diag.message_detail,
                    "hint": diag.message_hint,
                },
            ) from exc
        if fault == "lost":  # committed; the answer never arrives
            raise httpx.ReadError("connection reset by peer (injected)", request=req)
        result = row["result"] if row else None
        if isinstance(result, dict) and list(result) == [fn]:
            return result[fn]
        return result
