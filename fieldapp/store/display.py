"""Display checks (陈列检查) and competitor reports (竞品上报) on the phone: templates and their
items (pulled, read-only), answers at visits and competitor reports (written here, pushed)
(supabase/migrations/20261213200000_display_checks.sql)."""

from __future__ import annotations

from typing import Any, TypedDict

from fieldapp.store.rows import read
from fieldapp.store.store import Store


class Template(TypedDict, total=False):
    """A display check template (public.display_templates), for a tier (and grade) or all."""

    id: str
    name: str
    tier: int | None
    grade: str | None
    active: bool


class Item(TypedDict, total=False):
    """One item of a template (public.display_items)."""

    id: str
    template_id: str
    sort: int
    label: str
    kind: str  # count, choice, yes_no, photo, text
    options: list[str]
    required: bool


def templates(store: Store) -> list[Template]:
    """The active templates on this phone, by name."""
    found: list[Template] = read(store, "display_templates", "active = 1", [], order="name")
    return found


def items(store: Store, template_id: str) -> list[Item]:
    """A template's items in order."""
    found: list[Item] = read(store, "display_items", "template_id = ?", [template_id], order="sort")
    return found


def answers(store: Store, visit_id: str) -> list[dict[str, Any]]:
    """The answers given at a visit."""
    found: list[dict[str, Any]] = read(store, "display_answers", "visit_id = ?", [visit_id])
    return found


def competitor_reports(store: Store, visit_id: str) -> list[dict[str, Any]]:
    """The competitor reports recorded at a visit."""
    found: list[dict[str, Any]] = read(
        store, "competitor_reports", "visit_id = ?", [visit_id], order="reported_on"
    )
    return found
