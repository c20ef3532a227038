"""陈列模板: the manager's editor of display check templates and their items (online; the
server's display_template_* and display_item_* functions, which refuse the same bad input). The
form is checked here first, so a bad field gets its message under the field and nothing is sent."""

from __future__ import annotations

from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg

KIND_ORDER = ("count", "choice", "yes_no", "photo", "text")
MAX_OPTIONS = 20
MAX_ITEMS = 100


def split_options(text: str | None) -> list[str]:
    """The options typed one a line (or separated by 、 , ，), trimmed, blanks dropped."""
    raw = (text or "").replace("、", "\n").replace("，", "\n").replace(",", "\n")
    return [o.strip() for o in raw.splitlines() if o.strip()]


def pg_text_array(values: list[str]) -> str:
    """A text[] in PostgreSQL's array syntax, as PostgREST's JSON for an array parameter
    arrives: every element quoted, backslash and double quote escaped."""
    quoted = ('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return "{" + ",".join(quoted) + "}"


def check_template(name: str | None, tier: int | None, grade: str | None) -> dict[str, Any]:
    """The template's arguments, or FieldErrors (keys name, tier, grade)."""
    errors: dict[str, Msg] = {}
    text = (name or "").strip()
    if not text or len(text) > 200:
        errors["name"] = Msg(
            "请填写模板名称（最多200字）", "Enter the template's name (200 at most)"
        )
    if tier not in (None, 1, 2, 3):
        errors["tier"] = Msg("层级须为一批、二批、终端或全部", "Tier is 1, 2, 3 or all")
    if grade not in (None, "A", "B", "C", "D"):
        errors["grade"] = Msg("等级须为A、B、C、D或全部", "Grade is A, B, C, D or all")
    if errors:
        raise FieldErrors(errors)
    return {"p_name": text, "p_tier": tier, "p_grade": grade}


def check_item(label: str | None, kind: str | None, options: list[str]) -> dict[str, Any]:
    """The item's arguments, or FieldErrors (keys label, kind, options)."""
    errors: dict[str, Msg] = {}
    text = (label or "").strip()
    if not text or len(text) > 200:
        errors["label"] = Msg(
            "请填写检查项名称（最多200字）", "Enter the item's label (200 at most)"
        )
    if kind not in KIND_ORDER:
        errors["kind"] = Msg("请选择检查项类型", "Choose the item's kind")
    name = text or "此项"
    if kind == "choice":
        if not options:
            errors["options"] = Msg(
                f"「{name}」是选项题，请填写选项（每行一个）",
                f'"{text or "This item"}" is a choice: enter its options (one a line)',
            )
        elif len(options) > MAX_OPTIONS:
            errors["options"] = Msg(
                f"最多{MAX_OPTIONS}个选项（现有{len(options)}个）",
                f"{MAX_OPTIONS} options at most ({len(options)} given)",
            )
        elif len(set(options)) < len(options) or any(len(o) > 100 for o in options):
            errors["options"] = Msg(
                "选项不能重复，每个最多100字", "Each option once, 100 characters at most"
            )
    if errors:
        raise FieldErrors(errors)
    return {
        "p_label": text,
        "p_kind": kind,
        "p_options": pg_text_array(options if kind == "choice" else []),
    }


class TemplateEditor(UserService):
    """The templates and their items as the server has them, and the manager's changes."""

    def templates(self) -> list[dict[str, Any]]:
        """Every template with its numbers of items and required items, by name."""
        return list(self.rpc("display_template_list") or [])

    def items(self, template_id: str) -> list[dict[str, Any]]:
        """A template's live items in order (with their numbers of answers)."""
        return list(self.rpc("display_template_items", p_template_id=template_id) or [])

    def save_template(
        self,
        template_id: str | None,
        *,
        name: str | None,
        tier: int | None,
        grade: str | None,
        active: bool,
    ) -> str:
        """Create (template_id None) or change a template; its id."""
        args = check_template(name, tier, grade)
        return str(
            self.rpc("display_template_save", p_template_id=template_id, p_active=active, **args)
        )

    def save_item(
        self,
        template_id: str,
        item_id: str | None,
        *,
        label: str | None,
        kind: str | None,
        options: list[str],
        required: bool,
    ) -> str:
        """Add (item_id None: at the end) or change an item; its id."""
        args = check_item(label, kind, options)
        return str(
            self.rpc(
                "display_item_save",
                p_item_id=item_id,
                p_template_id=template_id,
                p_required=required,
                **args,
            )
        )

    def move(self, item_id: str, up: bool) -> int:
        """Move an item one place up or down; its new place."""
        return int(self.rpc("display_item_move", p_item_id=item_id, p_up=up))

    def remove(self, item_id: str) -> None:
        """Remove an item (the server keeps it, deleted)."""
        self.rpc("display_item_remove", p_item_id=item_id)
