"""UI strings of eliminate (淘汰) and conduct flags (窜货, 砸价): Chinese first, English second."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "el_card": ("淘汰与违规", "Elimination and conduct"),
    "el_request": ("申请淘汰", "Request elimination"),
    "el_reason": ("淘汰理由（必填）", "Reason (required)"),
    "el_requested": (
        "已提交淘汰申请，等待销售经理确认",
        "Elimination requested; a manager will decide",
    ),
    "el_pending": (
        "淘汰申请待审批：{who}，{day}",
        "Elimination requested by {who} on {day}, waiting for a manager",
    ),
    "el_withdraw": ("撤回淘汰申请", "Withdraw the request"),
    "el_withdrawn": ("已撤回淘汰申请", "Request withdrawn"),
    "el_flag": ("记录窜货/砸价", "Record cross-territory / dumping"),
    "el_flag_kind": ("类型", "Kind"),
    "el_flag_day": ("发现日期（年-月-日）", "Day seen (YYYY-MM-DD)"),
    "el_flag_note": ("情况说明（必填）", "What was seen (required)"),
    "el_flag_photos": (
        "证据照片（本客户已上传的照片）",
        "Evidence (this customer's uploaded photos)",
    ),
    "el_flag_no_photos": (
        "还没有已上传的照片：可在拜访时拍照，同步后再选",
        "No uploaded photos yet: take them on a visit and pick them after a sync",
    ),
    "el_photo": ("照片 {day} {kind}", "Photo {day} {kind}"),
    "el_flagged": ("已记录{kind}", "{kind} recorded"),
    "el_desk": ("淘汰申请 {n}", "Elimination requests {n}"),
    "el_desk_line": ("{area} · {who} 申请于 {day}", "{area} · asked by {who} on {day}"),
    "el_open_card": ("打开客户卡片：{name}", "Open the card of {name}"),
    "el_confirm": ("确认淘汰", "Confirm"),
    "el_refuse": ("驳回", "Refuse"),
    "el_decide_note": ("说明（驳回时必填）", "Note (required to refuse)"),
    "el_confirmed": ("已确认淘汰：{name}", "Eliminated: {name}"),
    "el_refused": ("已驳回淘汰申请：{name}", "Request refused: {name}"),
}
