"""UI strings of outlet orders on the rep's side (card, Today, visit): key → (中文, English)."""

PAIRS: dict[str, tuple[str, str]] = {
    "ro_heading": ("订单动态 {n}", "Orders {n}"),
    "ro_line": ("{day} 下单 · {boxes} 箱 · {amount}", "ordered {day} · {boxes} boxes · {amount}"),
    "ro_open_card": ("查看 {name}", "Open {name}"),
    "ro_to_receive": ("有已发货订单待收货", "A shipped order to receive"),
    "ro_visit_heading": ("已发货订单 · 请确认收货", "Shipped orders: confirm receipt"),
    "ro_receive": ("确认收货", "Received"),
    "ro_receive_tip": (
        "门店已收到 {day} 的订单（需联网）",
        "The outlet got the order of {day} (needs a connection)",
    ),
    "ro_received": ("已确认收货", "Marked received"),
    "ro_needs_net": ("确认收货 · 需联网", "Received · needs a connection"),
    "ro_receive_offline": (
        "确认收货需要联网，当前无法连接服务器。",
        "Marking received needs a connection; the server cannot be reached now.",
    ),
    "ro_overdue_heading": ("经销商到货超期未确认 {n}", "Dealers' deliveries overdue {n}"),
    "ro_overdue_line": (
        "{doc} · {day} 发货 · 超期 {days} 天",
        "{doc} · shipped {day} · {days} days overdue",
    ),
    "ro_overdue_open": ("查看经销商 {name}", "Open dealer {name}"),
    "ro_overdue_as_of": ("离线 · 截至 {time} 的数据", "Offline · as of {time}"),
}
