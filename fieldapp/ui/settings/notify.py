"""The group-bot delivery state (群机器人推送状态, managers only), opened from the policy settings:
how many notifications are queued, sent and dead, per bot; each dead letter with its bot, event,
tries and last error (the server masks any URL in it), and 重新推送 to put it back in the queue
(recorded on the server: who, when, the tries and error it had); the latest requeues. Routing:
each bot shows its area and reference names with 修改, 添加群机器人 adds one (the dialog in
notify_parts), and the bots' change history (who, when, old → new) is listed below."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.settings.notify_parts import bot_dialog, change_line, platform_name
from fieldapp.ui.widgets import MUTED, card, empty, heading, row_button


class NotifyScreen(OnlineScreen):
    """Counts, bots, dead letters with 重新推送, recent requeues."""

    offline_key = "nd_offline"

    def title(self) -> str:
        """群机器人推送状态."""
        return self.t("nd_title")

    def load(self) -> dict[str, Any]:
        """The delivery state and the bots' routing (references, changes, areas) from the server."""
        state = self.phone.policy.delivery_state()
        state["routing"] = self.phone.policy.bot_routing()
        return state

    def _platform(self, key: Any) -> str:
        return platform_name(self.lang, key)

    def content(self, state: dict[str, Any]) -> ft.Control:
        """The sections, top to bottom."""
        counts = state.get("counts") or {}
        items: list[ft.Control] = [
            card(
                ft.Text(
                    self.t(
                        "nd_counts",
                        queued=counts.get("queued", 0),
                        sent=counts.get("sent", 0),
                        dead=counts.get("dead", 0),
                    ),
                    size=15,
                ),
                title=self.t("nd_title"),
            )
        ]
        routing = state.get("routing") or {}
        counts_of = {str(c.get("id")): c for c in state.get("channels") or []}
        bots = routing.get("channels") or []
        areas = routing.get("areas") or []
        add = row_button(
            self.t("nd_add"),
            lambda e: bot_dialog(self, areas, None, self.reload),
            icon=ft.Icons.ADD,
            tooltip=self.t("nd_add"),
        )
        lines = [self._channel(b, counts_of.get(str(b.get("id"))) or {}, areas) for b in bots]
        items.append(card(*lines, ft.Row(controls=[add]), title=self.t("nd_channels")))
        dead = state.get("dead") or []
        items.append(heading(self.t("nd_dead", n=len(dead))))
        if not dead:
            items.append(empty(self.t("nd_dead_none"), ft.Icons.MARK_EMAIL_READ_OUTLINED))
        items += [self._dead(d) for d in dead]
        requeued = state.get("requeued") or []
        if requeued:
            items.append(card(*[self._requeued(r) for r in requeued], title=self.t("nd_history")))
        changes = routing.get("changes") or []
        if changes:
            items.append(card(*[change_line(self, c) for c in changes], title=self.t("nd_changes")))
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _channel(
        self, bot: dict[str, Any], c: dict[str, Any], areas: list[dict[str, Any]]
    ) -> ft.Control:
        name = str(bot.get("name") or "")
        text = self.t(
            "nd_channel_line",
            name=name,
            platform=self._platform(bot.get("platform")),
            queued=c.get("queued", 0),
            sent=c.get("sent", 0),
            dead=c.get("dead", 0),
        )
        if not bot.get("active", True):
            text += f" · {self.t('nd_inactive')}"
        refs = self.t(
            "nd_refs",
            area=bot.get("area") or self.t("nd_all_areas"),
            webhook=bot.get("webhook_ref") or "",
            secret=bot.get("secret_ref") or self.t("nd_none"),
        )
        edit = row_button(
            self.t("nd_edit"),
            lambda e, b=bot: bot_dialog(self, areas, b, self.reload),
            icon=ft.Icons.EDIT_OUTLINED,
            tooltip=self.t("nd_edit_tip", name=name),
        )
        return ft.Row(
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            controls=[
                ft.Column(
                    expand=True,
                    spacing=2,
                    controls=[
                        ft.Text(text, size=13),
                        ft.Text(refs, size=12, color=MUTED),
                    ],
                ),
                edit,
            ],
        )

    def _dead(self, d: dict[str, Any]) -> ft.Control:
        title = str(d.get("title") or "")
        requeue = self.t("nd_requeue")
        return card(
            ft.Text(title, size=15, weight=ft.FontWeight.W_600),
            ft.Text(
                self.t(
                    "nd_dead_facts",
                    channel=d.get("channel") or "",
                    platform=self._platform(d.get("platform")),
                    event=self.t("nd_ev_" + str(d.get("event"))),
                    tries=d.get("tries", 0),
                    day=fmt.day(d.get("created_at")),
                ),
                size=13,
                color=MUTED,
            ),
            ft.Text(
                self.t("nd_error", error=d.get("last_error") or "—"),
                size=13,
                color=ft.Colors.ERROR,
            ),
            ft.Row(
                controls=[
                    row_button(
                        requeue,
                        lambda e, d=d: self._requeue(d),
                        icon=ft.Icons.REPLAY,
                        tooltip=self.t("nd_requeue_tip", title=title),
                    )
                ]
            ),
        )

    def _requeued(self, r: dict[str, Any]) -> ft.Control:
        return ft.Text(
            self.t(
                "nd_history_line",
                day=fmt.day(r.get("requeued_at")),
                clock=fmt.clock(r.get("requeued_at")),
                who=r.get("requeued_by_name") or "—",
                title=r.get("title") or "",
                tries=r.get("tries", 0),
                status=self.t("nd_status_" + str(r.get("status"))),
            ),
            size=13,
        )

    def _requeue(self, d: dict[str, Any]) -> None:
        title = str(d.get("title") or "")

        def work() -> Any:
            return self.phone.policy.requeue(int(d["id"]))

        def done(_: Any) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("nd_requeued", title=title))
            self.reload()

        self.run(work, done)
