"""Display checks (陈列检查) and competitor reports (竞品上报): the desk list of reports."""
