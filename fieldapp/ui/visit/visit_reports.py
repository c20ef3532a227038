"""The notes and incident sections of a visit: notes, complaint, photo, incident report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.photos import PHOTO_KINDS
from fieldapp.services.visit_records import COMPLAINT_CATEGORIES, INCIDENT_KINDS, MAJOR_INCIDENTS
from fieldapp.ui.visit.visit_feedback import feedback_card
from fieldapp.ui.widgets import MUTED, FormState, card, chips, row_button
from fieldapp.ui.widgets.photo import pick_photos

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen

NOTES = ("competitor_notes", "feedback", "notes")
VISIT_PHOTO_KINDS = ("shelf", "display", "storefront", "competitor", "damage")


class ReportSections:
    """Notes, complaint, photo and incident of the visit (mixed into visit_sections.Sections)."""

    screen: Screen
    form: FormState
    notes: dict[str, ft.TextField]
    visit_id: str
    complaint_kind: str | None
    incident_kind: str | None
    photo_kind: str | None

    def t(self, key: str, **kw: Any) -> str:
        """A UI string."""
        return self.screen.t(key, **kw)

    def _soon(self, kind: str, key: str) -> None:
        raise NotImplementedError

    def _now(self, kind: str, key: str) -> None:
        raise NotImplementedError

    def _show_errors(self, fields: dict[str, ft.TextField], exc: FieldErrors) -> None:
        raise NotImplementedError

    # -- notes, complaint, photo ------------------------------------------------------------------

    def _notes(self, visit: dict[str, Any]) -> list[ft.Control]:
        for key in NOTES:
            self.notes[key] = ft.TextField(
                label=self.t(f"note_{key}"),
                value=visit.get(key) or "",
                multiline=True,
                min_lines=2,
                max_lines=5,
                on_blur=lambda e, k=key: self._now("notes", k),
                on_change=lambda e, k=key: self._soon("notes", k),
            )
        complaint = self.form.field(
            "complaint", self.t("complaint_detail"), multiline=True, min_lines=2, max_lines=4
        )
        photos = self.screen.phone.visits.photos(visit["id"])
        complaints = self.screen.phone.visits.complaints(visit)
        return [
            card(
                *self.notes.values(),
                row_button(
                    self.t("save_notes"),
                    lambda e: self._save_notes(toast=True),
                    icon=ft.Icons.SAVE_OUTLINED,
                    tooltip=self.t("save_notes"),
                ),
                title=self.t("section_notes"),
            ),
            card(
                chips(
                    [(k, v(self.screen.lang)) for k, v in COMPLAINT_CATEGORIES.items()],
                    self.complaint_kind,
                    self._pick_complaint,
                ),
                complaint,
                row_button(
                    self.t("raise_complaint"),
                    self._raise_complaint,
                    icon=ft.Icons.REPORT_OUTLINED,
                    tooltip=self.t("raise_complaint"),
                ),
                *[
                    ft.Text(
                        f"· {COMPLAINT_CATEGORIES[c['category']](self.screen.lang)}：{c['detail']}",
                        size=13,
                        color=MUTED,
                    )
                    for c in complaints
                ],
                title=self.t("complaint_title"),
            ),
            card(
                ft.Text(self.t("photos_taken", n=len(photos)), size=14),
                ft.Text(self.t("photo_kind_hint"), size=13, color=MUTED),
                chips(
                    [(k, PHOTO_KINDS[k](self.screen.lang)) for k in VISIT_PHOTO_KINDS],
                    self.photo_kind,
                    self._pick_photo_kind,
                ),
                row_button(
                    self.t("add_photo"),
                    self._add_photo,
                    icon=ft.Icons.PHOTO_CAMERA_OUTLINED,
                    tooltip=self.t("add_photo"),
                ),
                title=self.t("photo_title"),
            ),
            feedback_card(self.screen, visit),  # 客户意见: a score 1–5 (visit_feedback.py)
        ]

    def _save_notes(self, *, toast: bool = False) -> bool:
        if not self.notes:
            return True
        try:
            self.screen.phone.visits.save_notes(
                self.visit_id, **{k: f.value for k, f in self.notes.items()}
            )
        except FieldErrors as exc:
            self._show_errors(self.notes, exc)
            return False
        except FieldSalesError as exc:
            self.screen.shell.fail(exc)
            return False
        self.screen.shell.saved()
        if toast:
            self.screen.shell.toast(self.t("saved"))
        return True

    def _pick_complaint(self, value: str | None) -> None:
        self.complaint_kind = value
        self.screen.refresh()

    def _raise_complaint(self, e: Any) -> None:
        if self._report("complaint", self.screen.phone.visits.raise_complaint, self.complaint_kind):
            self.complaint_kind = None
            self.screen.shell.toast(self.t("complaint_saved"))
            self.screen.refresh()

    def _report(self, key: str, save: Any, kind: str | None) -> bool:
        """Save a complaint or an incident of the picked kind with the text typed under key:
        the messages go under the field and nothing is saved when something is wrong."""
        try:
            save(self.visit_id, kind or "", self.form.get(key))
        except FieldErrors as exc:
            self.form.errors[key] = " ".join(m(self.screen.lang) for m in exc.fields.values())
            self.screen.refresh()
            return False
        except FieldSalesError as exc:
            self.screen.shell.fail(exc)
            return False
        self.form.values.pop(key, None)
        self.form.errors.pop(key, None)
        self.screen.shell.saved()
        return True

    def _pick_photo_kind(self, value: str | None) -> None:
        self.photo_kind = value
        self.screen.refresh()

    async def _add_photo(self, e: Any) -> None:
        if self.photo_kind is None:
            self.screen.shell.toast(self.t("photo_kind_missing"), error=True)
            return
        photos = await pick_photos(self.screen.shell)
        for data, ext in photos:
            try:
                self.screen.phone.visits.add_photo(
                    self.visit_id,
                    data,
                    kind=self.photo_kind,
                    ext=ext,
                    fix=self.screen.shell.locator.fix,
                )
            except FieldSalesError as exc:
                self.screen.shell.fail(exc)
                return
        if photos:
            self.screen.shell.saved()
            self.screen.refresh()

    # -- incident ---------------------------------------------------------------------------------

    def _incident(self, visit: dict[str, Any]) -> list[ft.Control]:
        lang = self.screen.lang
        incident = self.form.field(
            "incident", self.t("incident_description"), multiline=True, min_lines=2, max_lines=4
        )
        reported = self.screen.phone.visits.incidents(visit["id"])
        major = self.incident_kind in MAJOR_INCIDENTS
        return [
            card(
                ft.Text(self.t("incident_hint"), size=13, color=MUTED),
                chips(
                    [(k, v(lang)) for k, v in INCIDENT_KINDS.items()],
                    self.incident_kind,
                    self._pick_incident,
                ),
                *(
                    [ft.Text(self.t("incident_major_note"), size=13, color=ft.Colors.ERROR)]
                    if major
                    else []
                ),
                incident,
                row_button(
                    self.t("report_incident"),
                    self._report_incident,
                    icon=ft.Icons.CAMPAIGN_OUTLINED,
                    tooltip=self.t("report_incident"),
                ),
                *[
                    ft.Text(
                        f"· {INCIDENT_KINDS[i['kind']](lang)}：{i['description']}",
                        size=13,
                        color=MUTED,
                    )
                    for i in reported
                ],
                title=self.t("section_incident"),
            )
        ]

    def _pick_incident(self, value: str | None) -> None:
        self.incident_kind = value
        self.screen.refresh()

    def _report_incident(self, e: Any) -> None:
        if self._report("incident", self.screen.phone.visits.report_incident, self.incident_kind):
            self.incident_kind = None
            self.screen.shell.toast(self.t("incident_saved"))
            self.screen.refresh()
