"""A customer's scorecard (客户评价), for area managers and managers: the 13 indicators, each
1–5 as chips with an optional note, and a comment. 保存草稿 keeps it on the phone (offline);
提交评价 sends it (online) and the server computes score and grade (one definition); the grade
reaches the customer card, the map and the thresholds at the next sync. A missing score shows
under its indicator and nothing is sent."""

from __future__ import annotations

import contextlib
from typing import Any

import flet as ft

from fieldapp.domain import legend
from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.scorecards import INDICATORS, MAX_COMMENT, MAX_NOTE, problems_of
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    card,
    error_banner,
    form_list,
    note_banner,
)


def score_chip(text: str, selected: bool, on_click: Any, tooltip: str) -> ft.Control:
    """A chip-looking choice; a Container with a tooltip and on_click is a button named by its
    tooltip (unique per indicator, unlike thirteen chips all called "3")."""
    return ft.Container(
        width=48,
        height=40,
        border_radius=20,
        alignment=ft.Alignment.CENTER,
        bgcolor=ft.Colors.PRIMARY if selected else None,
        border=ft.Border.all(1, ft.Colors.PRIMARY if selected else ft.Colors.OUTLINE),
        on_click=on_click,
        tooltip=tooltip,
        content=ft.Text(
            text,
            size=16,
            weight=ft.FontWeight.W_600,
            color=ft.Colors.ON_PRIMARY if selected else None,
        ),
    )


class ScorecardScreen(Screen):
    """The form; the draft on the phone fills it when there is one."""

    def __init__(self, shell: Any, customer_id: str, name: str = "") -> None:
        super().__init__(shell)
        self.customer_id, self.name = customer_id, name
        draft = self.phone.scorecards.draft(customer_id)
        self.scores: dict[str, int] = dict(draft.get("scores") or {})
        self.saved_at: str | None = draft.get("saved_at")
        self.form = FormState()
        for key, note in (draft.get("notes") or {}).items():
            self.form.set("note." + key, note)
        self.form.set("comment", draft.get("comment") or "")
        self.problem = ""
        self.busy = False
        self.rows: dict[str, ft.Container] = {}
        self.tally = ft.Text("")

    def title(self) -> str:
        """客户评价 · the customer."""
        return f"{self.t('sc_title')} · {self.name}" if self.name else self.t("sc_title")

    def body(self) -> ft.Control:
        """Intro, the indicators, the comment."""
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        intro = self.t("sc_intro")
        if self.saved_at:
            when = f"{fmt.day(self.saved_at)} {fmt.clock(self.saved_at)}"
            intro = f"{self.t('sc_draft_from', when=when)}\n{intro}"
        items.append(note_banner(intro, ft.Icons.FACT_CHECK_OUTLINED))
        self.tally = ft.Text(self._tally(), size=13, color=MUTED)
        items.append(self.tally)
        self.rows = {}
        for i, ind in enumerate(INDICATORS, start=1):
            self.rows[ind.key] = ft.Container(content=self._chips(ind))
            items.append(
                card(
                    ft.Text(
                        f"{i}. {ind.en if self.lang == 'en' else ind.zh}",
                        size=15,
                        weight=ft.FontWeight.W_600,
                    ),
                    self.rows[ind.key],
                    self.form.field(
                        "note." + ind.key,
                        self.t("sc_note", name=ind.en if self.lang == "en" else ind.zh),
                        max_length=MAX_NOTE,
                        dense=True,
                    ),
                )
            )
        comment = self.form.field(
            "comment", self.t("sc_comment"), multiline=True, min_lines=2, max_length=MAX_COMMENT
        )
        comment.expand = True  # the whole width (a Column's child keeps its own width)
        items.append(ft.Row([comment]))
        return form_list(items)

    def _tally(self) -> str:
        return self.t("sc_scored", n=len(self.scores), total=len(INDICATORS))

    def _chips(self, ind: Any) -> ft.Control:
        """1–5 for one indicator, and what is wrong with it under them."""
        name = ind.en if self.lang == "en" else ind.zh
        row = ft.Row(
            spacing=8,
            controls=[
                score_chip(
                    str(n),
                    self.scores.get(ind.key) == n,
                    lambda e, k=ind.key, n=n: self._score(k, n),
                    self.t("sc_score_tip", name=name, n=n),
                )
                for n in range(1, 6)
            ],
        )
        error = self.form.errors.get(ind.key)
        if not error:
            return row
        return ft.Column(spacing=4, controls=[row, ft.Text(error, color=ft.Colors.ERROR, size=13)])

    def _score(self, key: str, n: int) -> None:
        """Only the indicator's chips change (the form keeps its scroll position)."""
        if self.scores.get(key) == n:
            self.scores.pop(key)
        else:
            self.scores[key] = n
        self.form.errors.pop(key, None)
        ind = next(i for i in INDICATORS if i.key == key)
        with self.shell.ui_lock, contextlib.suppress(RuntimeError):  # not on a page (tests)
            self.rows[key].content = self._chips(ind)
            self.tally.value = self._tally()
            self.rows[key].update()
            self.tally.update()

    def _values(self) -> tuple[dict[str, Any], dict[str, str], str]:
        notes = {i.key: self.form.get("note." + i.key) for i in INDICATORS}
        return dict(self.scores), notes, self.form.get("comment")

    def bottom(self) -> ft.Control | None:
        """保存草稿 · 提交评价."""
        return ft.Container(
            padding=ft.Padding.all(12),
            content=ft.Row(
                spacing=10,
                controls=[
                    ft.Container(
                        expand=1,
                        content=big_button(
                            self.t("sc_save"),
                            lambda e: self._save(),
                            icon=ft.Icons.SAVE_OUTLINED,
                            tooltip=self.t("sc_save_tip"),
                            tonal=True,
                        ),
                    ),
                    ft.Container(
                        expand=1,
                        content=big_button(
                            self.t("sc_submit"),
                            lambda e: self._submit(),
                            icon=ft.Icons.SEND,
                            tooltip=self.t("sc_submit_tip"),
                            disabled=self.busy,
                        ),
                    ),
                ],
            ),
        )

    def _refused(self, exc: FieldErrors) -> None:
        self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
        missing = sum(1 for i in INDICATORS if i.key in exc.fields)
        first = next(iter(exc.fields.values()))(self.lang)
        self.problem = self.t("sc_missing", n=missing) if missing > 1 else first
        self.refresh()

    def _keep(self) -> bool:
        """Keep the draft on the phone; False (shown) when it is refused."""
        self.form.errors, self.problem = {}, ""
        try:
            kept = self.phone.scorecards.save_draft(self.customer_id, *self._values())
        except FieldErrors as exc:
            self._refused(exc)
            return False
        self.saved_at = kept.get("saved_at")
        return True

    def _save(self) -> None:
        if self._keep():
            self.refresh()
            self.shell.toast(self.t("sc_saved"))

    def _submit(self) -> None:
        """Checked here first (every indicator scored): nothing is sent otherwise."""
        if self.busy or not self._keep():
            return
        problems = problems_of(*self._values(), complete=True)
        if problems:
            self._refused(FieldErrors(problems))
            return
        self.busy = True
        self.refresh()
        self.shell.toast(self.t("sc_sending"))

        def job() -> None:
            try:
                answer = self.phone.scorecards.submit(self.customer_id)
            except FieldErrors as exc:
                with self.shell.ui_lock:
                    self.busy = False
                    self._refused(exc)
                return
            except FieldSalesError as exc:
                with self.shell.ui_lock:
                    self.busy = False
                    self.refresh()
                    self.shell.fail(exc)  # the draft stays on the phone
                return
            with self.shell.ui_lock:
                self.busy = False
                self._done(answer)

        self.shell.page.run_thread(job)

    def _done(self, answer: dict[str, Any]) -> None:
        grade = legend.grade_swatch(answer.get("grade"))
        label = grade.label_en if self.lang == "en" else grade.label_zh
        was = ""
        previous = answer.get("previous_grade")
        if previous and previous != answer.get("grade"):
            old = legend.grade_swatch(previous)
            was = self.t("sc_was", grade=old.label_en if self.lang == "en" else old.label_zh)
        self.shell.toast(
            self.t("sc_done", score=fmt.quantity(answer.get("score")), grade=label, was=was)
        )
        self.shell.request_sync()  # the new grade comes down with it
        self.shell.pop()
