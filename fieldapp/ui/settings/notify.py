"""The group-bot delivery state (群机器人推送状态, managers only), opened from the policy settings:
how many notifications are queued, sent and dead, per bot; each dead letter with its bot, event,
tries and last error (the server masks any URL in it), and 重新推送 to put it back in the queue
(recorded on the server: who, when, the tries and error it had); the latest requeues."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, card, empty, heading, row_button

PLATFORMS = {"wecom": "企业微信", "dingtalk": "钉钉", "feishu": "飞书"}
PLATFORMS_EN = {"wecom": "WeCom", "dingtalk": "DingTalk", "feishu": "Feishu"}


class NotifyScreen(OnlineScreen):
    """Counts, bots, dead letters with 重新推送, recent requeues."""

    offline_key = "nd_offline"

    def title(self) -> str:
        """群机器人推送状态."""
        return self.t("nd_title")

    def load(self) -> dict[str, Any]:
        """The delivery state from the server."""
        return self.phone.policy.delivery_state()

    def _platform(self, key: Any) -> str:
        names = PLATFORMS_EN if self.lang == "en" else PLATFORMS
        return names.get(str(key), str(key))

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
        channels = state.get("channels") or []
        if channels:
            items.append(card(*[self._channel(c) for c in channels], title=self.t("nd_channels")))
        dead = state.get("dead") or []
        items.append(heading(self.t("nd_dead", n=len(dead))))
        if not dead:
            items.append(empty(self.t("nd_dead_none"), ft.Icons.MARK_EMAIL_READ_OUTLINED))
        items += [self._dead(d) for d in dead]
        requeued = state.get("requeued") or []
        if requeued:
            items.append(card(*[self._requeued(r) for r in requeued], title=self.t("nd_history")))
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _channel(self, c: dict[str, Any]) -> ft.Control:
        text = self.t(
            "nd_channel_line",
            name=c.get("name") or "",
            platform=self._platform(c.get("platform")),
            queued=c.get("queued", 0),
            sent=c.get("sent", 0),
            dead=c.get("dead", 0),
        )
        if not c.get("active", True):
            text += f" · {self.t('nd_inactive')}"
        return ft.Text(text, size=13)

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
