"""UI strings of dealer ledgers (台账) and contracts (合同): key → (中文, English)."""

PAIRS: dict[str, tuple[str, str]] = {
    "tab_ledger": ("台账", "Ledger"),
}
