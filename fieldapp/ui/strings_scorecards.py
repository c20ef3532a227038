"""UI strings of the evaluation scorecards (客户评价): Chinese first, English second."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "sc_title": ("客户评价", "Scorecard"),
    "sc_open": ("客户评价", "Score this customer"),
    "sc_open_tip": ("为这个客户打分评价", "Fill in a scorecard for this customer"),
    "sc_intro": (
        "每项 1 到 5 分（5 分最好）；草稿保存在本机，离线也可以保存；提交需要联网。",
        "Score each 1 to 5 (5 is best); the draft stays on this phone, offline too; "
        "submitting needs a connection.",
    ),
    "sc_score_tip": ("{name} {n}分", "{name} {n} of 5"),
    "sc_note": ("{name}备注（可选）", "Note on {name} (optional)"),
    "sc_comment": ("评语（可选）", "Comment (optional)"),
    "sc_save": ("保存草稿", "Save draft"),
    "sc_save_tip": ("把评分保存在本机（不需要联网）", "Keep the scores on this phone (offline)"),
    "sc_submit": ("提交评价", "Submit"),
    "sc_submit_tip": ("提交到服务器，计算得分和等级", "Send to the server for score and grade"),
    "sc_saved": ("草稿已保存在本机", "Draft saved on this phone"),
    "sc_draft_from": ("本机草稿（{when}）", "Draft on this phone ({when})"),
    "sc_sending": ("正在提交…", "Submitting…"),
    "sc_done": (
        "已提交评价：得分 {score}，等级 {grade}{was}",
        "Scorecard submitted: score {score}, grade {grade}{was}",
    ),
    "sc_was": ("（原为 {grade}）", " (was {grade})"),
    "sc_missing": ("还有 {n} 项没有打分", "{n} indicators are not scored yet"),
    "sc_scored": ("已打分 {n}/{total}", "Scored {n}/{total}"),
    "sc_history": ("评价记录", "Scorecard history"),
    "sc_history_offline": ("评价记录需要联网", "The scorecard history needs a connection"),
    "sc_history_none": ("还没有评价", "Not scored yet"),
    "sc_latest": (
        "最近一次：{day} · {who} · {score} 分 · {grade}",
        "Latest: {day} · {who} · {score} · {grade}",
    ),
    "sc_bar_tip": (
        "{day} · {score} 分 · {grade} · {who}",
        "{day} · score {score} · {grade} · {who}",
    ),
    "sc_due": ("待评价 {n}", "Scorecards due {n}"),
    "sc_due_button": ("待评价", "Scorecards due"),
    "sc_due_tip": ("到期需要评价的客户", "Customers whose scorecard is due"),
    "sc_due_title": ("待评价客户", "Scorecards due"),
    "sc_due_offline": ("待评价列表需要联网", "The due list needs a connection"),
    "sc_due_none": ("没有到期需要评价的客户", "No scorecard is due"),
    "sc_due_never": ("从未评价", "never scored"),
    "sc_due_last": ("上次 {day} · 超期 {n} 天", "last {day} · {n} days overdue"),
    "sc_due_row_tip": ("为 {name} 打分", "Score {name}"),
}
