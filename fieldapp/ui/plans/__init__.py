"""Plans (计划): the rep's week, suggested stops, plan against actual (and the team's)."""
