"""Policy settings (管理设置, managers only): the server's catalog of every rule number, grouped in
sections for a generated settings screen, and changes through the server's RPCs, which check and
audit them (docs/access.md, "Policy settings and their audit"). The phone checks a value against
the catalog's range first, so a form shows the problem under the field without a round trip; the
server's check is the one that counts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.services.base import UserService
from fieldapp.services.i18n import FieldErrors, Msg

PLATFORM_KEYS = ("wecom", "dingtalk", "feishu")  # notify_channels_platform_check


@dataclass(frozen=True)
class Section:
    """One group of the settings screen with its entries, in the server's order."""

    name: str
    label_zh: str
    label_en: str
    entries: list[dict[str, Any]]


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        return None
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _range_problem(entry: dict[str, Any], field: str, value: Any) -> Msg | None:
    """The value as a number within the entry's range (whole when it must be), else a message."""
    low, high = entry.get("min"), entry.get("max")
    d = _number(value)
    whole = bool(entry.get("whole"))
    kind_zh, kind_en = ("整数", "whole number") if whole else ("数值", "number")
    bad = (
        d is None
        or (whole and d != d.to_integral_value())
        or (low is not None and d < Decimal(str(low)))
        or (high is not None and d > Decimal(str(high)))
    )
    if bad:
        return Msg(
            f"「{entry['label_zh']}」（{field}）必须是{low}到{high}之间的{kind_zh}",
            f"{entry['label_en']} ({field}) must be a {kind_en} from {low} to {high}",
        )
    return None


def check_value(entry: dict[str, Any], value: Any) -> dict[str, Msg]:
    """Problems of a new value for a catalog entry, by field (the key, or key.part); {} if none.
    The same rules as the server: ranges, whole numbers, every part, weights total 100, cut-offs
    ordered A > B > C, a choice among the allowed."""
    key, shape = entry["key"], entry["shape"]
    if shape == "choice":
        if value not in (entry.get("choices") or []):
            allowed = "、".join(entry.get("choices") or [])
            return {
                key: Msg(
                    f"「{entry['label_zh']}」必须是 {allowed} 之一",
                    f"{entry['label_en']} must be one of {allowed}",
                )
            }
        return {}
    parts = [p["key"] for p in entry.get("parts") or []]
    if not parts:
        problem = _range_problem(entry, key, value)
        return {key: problem} if problem else {}
    if not isinstance(value, dict):
        return {
            key: Msg(
                f"「{entry['label_zh']}」必须逐项填写", f"{entry['label_en']}: fill in every part"
            )
        }
    problems: dict[str, Msg] = {}
    for part in parts:
        field = f"{key}.{part}"
        problem = _range_problem(entry, field, value.get(part))
        if problem:
            problems[field] = problem
    if problems:
        return problems
    numbers = {p: _number(value[p]) or Decimal(0) for p in parts}
    if shape == "weights" and sum(numbers.values()) != 100:
        total = sum(numbers.values())
        return {
            key: Msg(
                f"「{entry['label_zh']}」各项合计必须正好是100%，现在合计{total}%",
                f"{entry['label_en']} must total exactly 100 % (they total {total} %)",
            )
        }
    if shape == "cutoffs" and not numbers["A"] > numbers["B"] > numbers["C"]:
        return {
            key: Msg(
                f"「{entry['label_zh']}」必须从高到低：A > B > C",
                f"{entry['label_en']} must be ordered A > B > C",
            )
        }
    return {}


def plain_value(value: Any) -> Any:
    """A form's value as JSON for the server (Decimals as numbers, whole ones as integers)."""
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    d = _number(value) if not isinstance(value, str) or value.strip() else None
    if isinstance(value, str) and d is None:
        return value
    if d is None:
        return value
    return int(d) if d == d.to_integral_value() else float(d)


class PolicyService(UserService):
    """The managers' settings screen: the catalog (online) and changes through the server."""

    def catalog(self) -> list[dict[str, Any]]:
        """Every catalogued setting with value, labels, unit, range, overrides and latest changes
        (public.setting_catalog)."""
        return list(self.rpc("setting_catalog") or [])

    def sections(self) -> list[Section]:
        """The catalog grouped by section, in the server's order."""
        out: list[Section] = []
        for entry in self.catalog():
            if not out or out[-1].name != entry["section"]:
                out.append(Section(entry["section"], entry["section_zh"], entry["section_en"], []))
            out[-1].entries.append(entry)
        return out

    def set(self, entry: dict[str, Any], value: Any) -> dict[str, Any]:
        """Change one setting (FieldErrors, nothing sent, when the value breaks its rule); the
        server checks again, records the change and answers the new catalog entry."""
        value = plain_value(value)
        problems = check_value(entry, value)
        if problems:
            raise FieldErrors(problems)
        # JSON as PostgREST takes it (a scalar too: the jsonb parameter gets a JSON number)
        return dict(self.rpc("set_setting", p_key=entry["key"], p_value=value))

    def set_threshold(
        self,
        entry: dict[str, Any],
        value: Any,
        *,
        grade: str | None = None,
        customer_id: str | None = None,
    ) -> dict[str, Any]:
        """Set a warning threshold for one grade or one customer; None or "" clears it."""
        if (grade is None) == (customer_id is None):
            raise FieldErrors(
                {
                    "scope": Msg(
                        "请选择客户等级或客户（二者选一）",
                        "Choose a grade or a customer (one of them)",
                    )
                }
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            plain = None
        else:
            problem = _range_problem(entry, entry["key"], value)
            if problem:
                raise FieldErrors({entry["key"]: problem})
            plain = plain_value(value)
        return dict(
            self.rpc(
                "set_warning_threshold",
                p_setting_key=entry["key"],
                p_value=plain,
                p_grade=grade,
                p_customer_id=customer_id,
            )
        )

    # -- the group-bot delivery state (notify_status) ------------------------------------------

    def delivery_state(self) -> dict[str, Any]:
        """Counts per status and per bot, the latest dead letters (errors with URLs masked by the
        server) and the latest requeues (public.notify_status, managers only)."""
        return dict(self.rpc("notify_status") or {})

    def requeue(self, outbox_id: int) -> dict[str, Any]:
        """Put a dead letter back in the queue (public.notify_requeue, recorded on the server)."""
        if isinstance(outbox_id, bool) or not isinstance(outbox_id, int) or outbox_id <= 0:
            raise FieldErrors(
                {"outbox_id": Msg("请选择要重新推送的消息", "Choose the dead letter to requeue")}
            )
        return dict(self.rpc("notify_requeue", p_outbox_id=outbox_id))

    # -- notification routing: the group bots (notify_channels_list, notify_channel_save) ------

    def bot_routing(self) -> dict[str, Any]:
        """The group bots with their reference names, the latest changes of any bot (who, when,
        old → new) and the areas a bot may be for (public.notify_channels_list, managers only)."""
        return dict(self.rpc("notify_channels_list") or {})

    def save_bot(
        self,
        *,
        name: str,
        platform: str,
        webhook_ref: str,
        secret_ref: str | None,
        area_id: str | None,
        active: bool,
        channel_id: str | None = None,
    ) -> dict[str, Any]:
        """Add a group bot (channel_id None) or change one (public.notify_channel_save): the
        server checks every field (a reference name, never a URL or secret) and records the
        change; a platform must be picked here first."""
        if platform not in PLATFORM_KEYS:
            raise FieldErrors(
                {"platform": Msg("请选择平台", "Choose the platform (WeCom, DingTalk or Feishu)")}
            )
        return dict(
            self.rpc(
                "notify_channel_save",
                p_name=name,
                p_platform=platform,
                p_webhook_ref=webhook_ref,
                p_secret_ref=secret_ref or None,
                p_area_id=area_id or None,
                p_active=bool(active),
                p_channel_id=channel_id,
            )
        )

    # -- one customer's warning thresholds ---------------------------------------------------------

    def customer_thresholds(self, customer_id: str, grade: str | None) -> list[Threshold]:
        """Each warning threshold of the catalog for one customer: the company default, the
        override of the customer's grade, the customer's own, and the one in effect (the
        evaluator's order: customer, grade, setting)."""
        out: list[Threshold] = []
        for entry in self.catalog():
            overrides = entry.get("overrides")
            if overrides is None:
                continue
            by_grade = (overrides.get("grades") or {}).get(grade) if grade else None
            own = next(
                (
                    c.get("value")
                    for c in overrides.get("customers") or []
                    if str(c.get("customer_id")) == str(customer_id)
                ),
                None,
            )
            out.append(Threshold(entry, entry.get("value"), by_grade, own))
        return out


@dataclass(frozen=True)
class Threshold:
    """One warning threshold as it applies to a customer."""

    entry: dict[str, Any]  # the catalog entry (labels, unit, range)
    default: Any
    grade: Any  # the override of the customer's grade, or None
    own: Any  # the customer's own override, or None

    @property
    def in_effect(self) -> Any:
        """The value the evaluator uses: the customer's, else the grade's, else the default."""
        for value in (self.own, self.grade):
            if value is not None:
                return value
        return self.default
