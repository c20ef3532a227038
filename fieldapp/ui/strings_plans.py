"""UI strings of visit planning (拜访计划) and approvals (审批): key → (中文, English)."""

PAIRS: dict[str, tuple[str, str]] = {
    "tab_plans": ("计划", "Plans"),
    "tab_approvals": ("审批", "Approvals"),
}
