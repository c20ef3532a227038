"""Notification routing on the group-bot screen (管理设置 → 通知推送): the dialog that adds or
changes a group bot (name, platform, area or 全部区域, the webhook and secret *reference names*,
active; the server refuses a URL or a secret and the dialog stays open with its message), and the
lines of the bots' change history (who, when, old → new)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.widgets import FormState
from fieldapp.ui.widgets.form_dialog import form_dialog, toggle_chips

PLATFORMS = {"wecom": "企业微信", "dingtalk": "钉钉", "feishu": "飞书"}
PLATFORMS_EN = {"wecom": "WeCom", "dingtalk": "DingTalk", "feishu": "Feishu"}
ALL_AREAS = ""  # the chip of 全部区域: area_id null
FIELDS = ("name", "platform", "area", "webhook_ref", "secret_ref", "active")


def platform_name(lang: str, key: Any) -> str:
    """企业微信, 钉钉, 飞书 (WeCom, DingTalk, Feishu in English)."""
    names = PLATFORMS_EN if lang == "en" else PLATFORMS
    return names.get(str(key), str(key))


def bot_dialog(
    screen: Any, areas: list[dict[str, Any]], bot: dict[str, Any] | None, again: Callable[[], None]
) -> None:
    """添加群机器人 (bot None) or 修改群机器人: saved by the server, which checks every field."""
    form = FormState()
    bot = bot or {}
    for key in ("name", "webhook_ref", "secret_ref"):
        form.values[key] = str(bot.get(key) or "")
    platform = {str(bot["platform"])} if bot.get("platform") else set()
    area = {str(bot.get("area_id") or ALL_AREAS)}
    active = ft.Switch(
        label=screen.t("nd_f_active"),
        value=bool(bot.get("active", True)),
        tooltip=screen.t("nd_f_active"),
    )
    area_options = [(ALL_AREAS, screen.t("nd_all_areas"))]
    area_options += [(str(a["id"]), str(a.get("name") or a.get("code"))) for a in areas]
    fields: list[ft.Control] = [
        form.field("name", screen.t("nd_f_name"), max_length=100),
        ft.Text(screen.t("nd_f_platform"), size=13),
        toggle_chips([(k, platform_name(screen.lang, k)) for k in PLATFORMS], platform, one=True),
        ft.Text(screen.t("nd_f_area"), size=13),
        toggle_chips(area_options, area, one=True),
        form.field(
            "webhook_ref", screen.t("nd_f_webhook"), max_length=200, helper=screen.t("nd_ref_help")
        ),
        form.field(
            "secret_ref", screen.t("nd_f_secret"), max_length=200, helper=screen.t("nd_secret_help")
        ),
        active,
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        name = form.get("name").strip()

        def done(_: Any) -> None:
            close()
            screen.shell.toast(screen.t("nd_saved", name=name))
            again()

        def work() -> Any:
            return screen.phone.policy.save_bot(
                name=form.get("name"),
                platform=next(iter(platform), ""),
                webhook_ref=form.get("webhook_ref"),
                secret_ref=form.get("secret_ref"),
                area_id=next(iter(area), ALL_AREAS) or None,
                active=bool(active.value),
                channel_id=str(bot["id"]) if bot.get("id") else None,
            )

        run_step(screen, work, done, failed)

    title = screen.t("nd_edit_title") if bot.get("id") else screen.t("nd_add")
    form_dialog(screen, title, fields, form, submit, label=screen.t("nd_save"))


def _value(screen: Any, key: str, snapshot: dict[str, Any]) -> str:
    value = snapshot.get(key)
    if key == "platform":
        return platform_name(screen.lang, value)
    if key == "area":
        return str(value) if value else screen.t("nd_all_areas")
    if key == "active":
        return screen.t("nd_active_on") if value else screen.t("nd_active_off")
    return str(value) if value else screen.t("nd_none")


def change_line(screen: Any, change: dict[str, Any]) -> ft.Control:
    """One recorded change: when, who, the bot, and each field old → new (新增 / 删除 for a bot
    added or removed)."""
    old, new = change.get("old_value"), change.get("new_value")
    if old is None:
        what = (
            screen.t("nd_change_added")
            + " "
            + " · ".join(_value(screen, k, new or {}) for k in ("platform", "area", "webhook_ref"))
        )
    elif new is None:
        what = screen.t("nd_change_removed")
    else:
        what = "；".join(
            f"{screen.t('nd_k_' + k)} {_value(screen, k, old)} → {_value(screen, k, new)}"
            for k in FIELDS
            if old.get(k) != new.get(k)
        )
    return ft.Text(
        screen.t(
            "nd_change_line",
            day=fmt.day(change.get("changed_at")),
            clock=fmt.clock(change.get("changed_at")),
            who=change.get("changed_by_name") or "—",
            name=change.get("channel") or "",
            what=what,
        ),
        size=13,
    )
