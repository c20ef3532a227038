"""UI strings of the quadrant matrix (客户分类矩阵): Chinese first, English second. The policy of
each quadrant is the source document's (怎样管好你的客户?, 客户分类)."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "qm_switch": ("客户分类", "Quadrants"),
    "qm_switch_tip": ("打开客户分类矩阵", "Open the quadrant matrix"),
    "qm_title": ("客户分类矩阵", "Quadrant matrix"),
    "qm_offline": ("客户分类矩阵需要联网", "The quadrant matrix needs a connection"),
    "qm_company": ("全公司", "Company"),
    "qm_mine": ("我的区域", "My areas"),
    "qm_area_tip": ("只看该区域：{name}", "Show this area only: {name}"),
    "qm_as_of": ("{as_of} 分类 · {n} 户", "Classified {as_of} · {n} customers"),
    "qm_as_of_prev": (
        "{as_of} 分类 · {n} 户 · 与 {prev} 的分类相比",
        "Classified {as_of} · {n} customers · compared with {prev}",
    ),
    "qm_none": ("还没有客户分类结果", "No classification yet"),
    "qm_grid_note": (
        "客户较多：每个圆点代表一组客户，越大人数越多",
        "Many customers: each dot is a group, larger dots hold more",
    ),
    "qm_axis_x": ("进货量排名（同区域同级）→", "Volume rank (same area and tier) →"),
    "qm_axis_y": ("忠诚度 ↑", "Loyalty ↑"),
    "qm_cut_x": ("进货量分界 {pct}", "Volume cut {pct}"),
    "qm_cut_y": ("忠诚度分界 {cut}", "Loyalty cut {cut}"),
    "qm_plot_tip": (
        "客户分类散点图：横轴进货量排名，纵轴忠诚度；"
        "核心 {core}，危险 {dangerous}，培养 {cultivate}，淘汰 {eliminate}",
        "Quadrant scatter: volume rank across, loyalty up; core {core}, dangerous {dangerous}, "
        "cultivate {cultivate}, eliminate {eliminate}",
    ),
    "qm_count": ("{name} {n} 户", "{name} {n}"),
    "qm_q_core": ("核心", "Core"),
    "qm_q_dangerous": ("危险", "Dangerous"),
    "qm_q_cultivate": ("培养", "Cultivate"),
    "qm_q_eliminate": ("淘汰", "Eliminate"),
    "qm_side_core": ("销量大 · 忠诚", "Large · loyal"),
    "qm_side_dangerous": ("销量大 · 不忠诚", "Large · disloyal"),
    "qm_side_cultivate": ("销量小 · 忠诚", "Small · loyal"),
    "qm_side_eliminate": ("销量小 · 不忠诚", "Small · disloyal"),
    "qm_policy_core": (
        "企业最宝贵的财富。一个企业拥有这样的客户越多，市场就越稳定、越有发展潜力。重点维护。",
        "The company's most valuable asset: the more such customers, the steadier the market and "
        "the greater its potential. Treasure them.",
    ),
    "qm_policy_dangerous": (
        "往往会成为企业最危险的“敌人”：以销售额为资本提出过份的条件，得不到满足就窜货、降价倾销、"
        "扰乱市场或长期拖欠货款。稍有疏忽就会造成巨大损失，须密切关注。",
        "Often the company's most dangerous 'enemy': it uses its sales to press excessive demands "
        "and, refused, sells across territories, dumps prices, disrupts the market or holds back "
        "payment. The least neglect costs dearly: watch closely.",
    ),
    "qm_policy_cultivate": (
        "可以大力培养的客户：通过扶持、培养，努力使其成为一个好客户。",
        "Customers worth cultivating: support and train them until they become good customers.",
    ),
    "qm_policy_eliminate": (
        "对企业没有价值的客户，该淘汰的就淘汰。没有对差客户的淘汰，就不能培养出一批好客户。",
        "Of no value to the company: eliminate those that should go. Without eliminating bad "
        "customers, no set of good ones can be built.",
    ),
    "qm_movers": ("分类变动 {n}", "Moved {n}"),
    "qm_movers_shown": ("显示前 {shown} 户 · 共 {n} 户", "First {shown} of {n}"),
    "qm_movers_none": ("与上次分类相比没有变动", "Nobody moved since the previous classification"),
    "qm_move": ("{src} → {dst}", "{src} → {dst}"),
    "qm_mover_tip": ("打开客户卡片：{name}", "Open the customer card: {name}"),
    "qm_mover_line": (
        "{code} · {area} · 进货 {volume} · 忠诚度 {loyalty}",
        "{code} · {area} · volume {volume} · loyalty {loyalty}",
    ),
    "qm_col_name": ("客户", "Customer"),
    "qm_col_code": ("编码", "Code"),
    "qm_col_area_name": ("区域", "Area"),
    "qm_col_from": ("原分类", "From"),
    "qm_col_to": ("新分类", "To"),
    "qm_col_volume_12m": ("12个月进货", "12-month volume"),
    "qm_col_loyalty": ("忠诚度", "Loyalty"),
    "qm_total": ("合计 {n} 户", "Total {n}"),
    "qm_pairs": ("变动汇总", "Moves by kind"),
}
