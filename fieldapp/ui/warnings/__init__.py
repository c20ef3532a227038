"""The warnings desk (预警处理)."""
