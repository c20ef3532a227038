"""The RPC table of docs/access.md is the contract: every function the API roles may execute is in
it, and every role it does not name for a function is refused.

The rule: the "who" column names the roles that may call a function (staff = rep, area manager,
manager; "anyone signed in" = the four; a photo's photographer, or whoever sees a photo = staff,
since only staff take and see photos; "same" = the row above). Every other role must get an
error, with SQLSTATE 42501 (not allowed), 28000 (not signed in) or P0002 (not found: what it
named is not visible to it). An empty answer is not a refusal: a function that is "staff (by
visibility)" tests the role first and refuses a dealer outright, rather than answering with
nothing. Each function is called as PostgREST would call it, with valid arguments (so that only
who calls decides), as the Shanghai rep, area manager, manager and dealer of the access world.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.db.access_world import world_database
from tests.db.rpc_calls import REFUSED, api_functions, call

ROLES = {"rep": "rep", "area_manager": "am", "manager": "mgr", "dealer": "dealer"}  # → persona
STAFF = {"rep", "area_manager", "manager"}
HEADING = "## RPC functions (POST /rest/v1/rpc/…)"


def roles_of(who: str, above: set[str]) -> set[str]:
    """The roles a "who" cell names (remarks in parentheses are not names)."""
    text = re.sub(r"\([^)]*\)", "", who).lower().strip()
    if text == "same":
        return set(above)
    roles: set[str] = set()
    if "anyone signed in" in text:
        roles |= set(ROLES)
    if re.search(r"\bstaff\b|\bphotographer\b|\bwhoever sees the photo\b", text):
        roles |= STAFF
    if re.search(r"\bdealer\b", text):
        roles.add("dealer")
    if re.search(r"\barea managers?\b", text):
        roles.add("area_manager")
    if re.search(r"(?<!area )\bmanagers?\b", text):
        roles.add("manager")
    if re.search(r"\brep\b(?!')", text):  # "the rep's area manager" is not the rep
        roles.add("rep")
    assert roles, f"docs/access.md: cannot tell who may call from {who!r}"
    return roles


def documented() -> dict[str, set[str]]:
    """function name → roles allowed, from the RPC table of docs/access.md."""
    lines = (ROOT / "docs" / "access.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADING)
    allowed: dict[str, set[str]] = {}
    above: set[str] = set()
    for line in lines[start + 1 :]:
        if not line.startswith("|"):
            if allowed:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] in ("function", "---") or set(cells[0]) <= {"-"}:
            continue
        names = re.findall(r"`([a-z_][a-z0-9_]*)", cells[0])
        assert names, f"docs/access.md: no function in {cells[0]!r}"
        above = roles_of(cells[1], above)
        for name in names:
            assert name not in allowed, f"docs/access.md: {name} is in the RPC table twice"
            allowed[name] = above
    return allowed


def test_the_doc_table_reads_as_expected() -> None:
    doc = documented()
    assert doc["whoami"] == set(ROLES)
    assert doc["ledger_dealers"] == STAFF
    assert doc["reject_visit_plan"] == {"area_manager", "manager"}  # "same" as the row above
    assert doc["confirm_delivery"] == {"dealer"}
    assert doc["submit_visit_plan"] == {"rep"}
    assert doc["dealer_ledger"] == set(ROLES)


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    """One database with the access world (every call here is rolled back)."""
    with world_database(server_url, template_db, "rpc") as conn_world:
        yield conn_world


def test_every_function_the_api_may_call_is_in_the_doc_table(world_conn) -> None:
    conn, _ = world_conn
    callable_ = {f.name for f in api_functions(conn)}
    doc = set(documented())
    assert callable_ - doc == set(), (
        "functions executable by authenticated but missing from the RPC table of"
        " docs/access.md: document who may call them, or revoke execute"
    )
    assert doc - callable_ == set(), "in the RPC table of docs/access.md but not callable"


def test_anon_may_call_no_function(world_conn) -> None:
    conn, _ = world_conn
    rows = conn.execute(
        "select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
        " where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute')"
    ).fetchall()
    assert rows == []


def test_every_role_the_doc_does_not_name_is_refused(world_conn) -> None:
    conn, world = world_conn
    doc = documented()
    wrong: dict[str, dict[str, str]] = {}
    for fn in api_functions(conn):
        outcomes = {role: call(conn, fn, world, persona) for role, persona in ROLES.items()}
        allowed = doc[fn.name]
        for role, outcome in outcomes.items():
            if role not in allowed and outcome not in REFUSED:
                wrong.setdefault(fn.signature, {})[role] = outcome
        # the arguments are valid: someone allowed gets past the role tests
        if all(outcomes[r] in REFUSED for r in allowed):
            wrong.setdefault(fn.signature, {})["(allowed)"] = str({r: outcomes[r] for r in allowed})
    assert wrong == {}, "role → outcome where a refusal was due (or no allowed role got in)"
