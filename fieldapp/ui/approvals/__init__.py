"""Approvals (审批): plans awaiting a manager's decision, and one plan in detail."""
