"""The one table of map colours, shapes, labels and tile sources, for the app and the HTML export.

Grades use the Okabe–Ito colour-blind-safe palette (cool colours plus reddish purple); warm
Okabe–Ito colours are kept for the alert ring, whose width also grows with severity so it reads
without colour. Tier is shown by shape and size. Neither the app nor the exporter may define a
colour of its own: both read these tables (the export test parses them back out of the HTML).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITIES: tuple[str, ...] = ("none", "low", "medium", "high")  # ascending
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
UNGRADED = "-"  # key for customers without a grade yet


def worse(a: str, b: str) -> str:
    """The more severe of two alert levels (none < low < medium < high)."""
    return a if SEVERITY_RANK[a] >= SEVERITY_RANK[b] else b


@dataclass(frozen=True)
class Swatch:
    """A legend entry: a key, its colour and its label in both languages."""

    key: str
    color: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Ring:
    """How an alert level is drawn around a marker or cluster."""

    key: str
    color: str
    width: float
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class TierShape:
    """How a tier is drawn: shape ('square' | 'diamond' | 'circle') and outer size in pixels."""

    tier: int
    shape: str
    size: int
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class MarkerStyle:
    """Everything needed to draw one customer marker."""

    fill: str
    ring: str
    ring_width: float
    shape: str
    size: int
    outline: str


@dataclass(frozen=True)
class ClusterStyle:
    """Everything needed to draw one cluster bubble."""

    fill: str
    text: str
    ring: str
    ring_width: float
    size: int


# Okabe & Ito (2008), "Color Universal Design"; #999999 is the grey customarily paired with it.
GRADES: dict[str, Swatch] = {
    s.key: s
    for s in (
        Swatch("A", "#009E73", "A 级", "Grade A"),  # bluish green
        Swatch("B", "#56B4E9", "B 级", "Grade B"),  # sky blue
        Swatch("C", "#0072B2", "C 级", "Grade C"),  # blue
        Swatch("D", "#CC79A7", "D 级", "Grade D"),  # reddish purple
        Swatch(UNGRADED, "#999999", "未评级", "Not graded"),
    )
}

RINGS: dict[str, Ring] = {
    r.key: r
    for r in (
        Ring("none", "#FFFFFF", 1.5, "无预警", "No warning"),
        Ring("low", "#F0E442", 3.0, "低", "Low"),  # yellow
        Ring("medium", "#E69F00", 3.5, "中", "Medium"),  # orange
        Ring("high", "#D55E00", 4.5, "高", "High"),  # vermillion
    )
}

TIERS: dict[int, TierShape] = {
    t.tier: t
    for t in (
        TierShape(1, "square", 22, "经销商", "Dealer"),
        TierShape(2, "diamond", 17, "二批", "Sub-distributor"),
        TierShape(3, "circle", 13, "终端", "Store"),
    )
}

# A customer with an overdue open warning (open past warning.due_days.<severity>): a dark clock
# badge at the marker's lower left, apart from the ring (severity) and the "!" (medium, high).
OVERDUE = Swatch("overdue", "#1A1A1A", "有超时预警", "Overdue warning")

OUTLINE = "#333333"  # hairline outside the ring, so a white or yellow ring shows on any tile
CLUSTER_FILL = "#3B4252"
CLUSTER_TEXT = "#FFFFFF"
# (largest count, bubble size in px); the last row has no limit
CLUSTER_SIZES: tuple[tuple[int | None, int], ...] = ((9, 30), (99, 36), (999, 42), (None, 48))

WARNING_KINDS: dict[str, tuple[str, str]] = {
    "credit_over_limit": ("超信用额度", "Over credit limit"),
    "behind_plan": ("进度落后计划", "Behind plan"),
    "below_last_year": ("低于去年同期", "Below last year"),
    "purchase_frequency_drop": ("进货频率下降", "Buying less often"),
    "churn": ("流失风险", "Churn"),
    "expense_over_budget": ("费用超预算", "Expenses over budget"),
    "expense_rising": ("费用上升", "Expenses rising"),
    "major_incident": ("重大事件", "Major incident"),
    "complaint_unanswered": ("投诉逾期未答复", "Complaint unanswered"),
}

QUADRANTS: dict[str, tuple[str, str]] = {
    "core": ("核心", "Core"),
    "dangerous": ("危险", "Dangerous"),
    "cultivate": ("培养", "Cultivate"),
    "eliminate": ("淘汰", "Eliminate"),
}


@dataclass(frozen=True)
class TileSource:
    """A base-map provider: URL template ({s} {x} {y} {z}, {tk} for a key) and its datum."""

    key: str
    label_zh: str
    label_en: str
    url: str
    subdomains: str
    attribution: str
    datum: str  # "wgs84" or "gcj02": points must be converted to this before drawing
    max_zoom: int
    labels_url: str | None = None  # a transparent label layer drawn on top, if separate
    key_env: str | None = None  # environment variable holding the provider's key, if needed


TILES: dict[str, TileSource] = {
    t.key: t
    for t in (
        TileSource(
            "osm",
            "开放街道地图",
            "OpenStreetMap",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
            " contributors",
            "wgs84",
            19,
        ),
        TileSource(
            "amap",
            "高德地图",
            "AMap (Gaode)",
            "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
            "&x={x}&y={y}&z={z}",
            "1234",
            '&copy; <a href="https://www.amap.com/">高德地图 AutoNavi</a>',
            "gcj02",
            18,
        ),
        TileSource(
            "tianditu",
            "天地图",
            "Tianditu",
            "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={tk}",
            "01234567",
            '&copy; <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a>',
            "wgs84",  # CGCS2000, which agrees with WGS-84 to centimetres
            18,
            labels_url="https://t{s}.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk={tk}",
            key_env="TIANDITU_KEY",
        ),
    )
}


def grade_swatch(grade: str | None) -> Swatch:
    """The colour and label of a grade; None or unknown grades are 'not graded'."""
    return GRADES.get(grade or UNGRADED, GRADES[UNGRADED])


def marker_style(grade: str | None, tier: int, severity: str = "none") -> MarkerStyle:
    """How to draw a customer: fill by grade, shape and size by tier, ring by worst alert."""
    shape = TIERS.get(tier, TIERS[3])
    ring = RINGS[severity]
    return MarkerStyle(
        grade_swatch(grade).color, ring.color, ring.width, shape.shape, shape.size, OUTLINE
    )


def cluster_size(count: int) -> int:
    """Bubble size in pixels for a cluster of this many customers."""
    for limit, size in CLUSTER_SIZES:
        if limit is None or count <= limit:
            return size
    raise AssertionError("CLUSTER_SIZES must end with an unlimited row")


def cluster_style(count: int, worst: str = "none") -> ClusterStyle:
    """How to draw a cluster: count bubble, ring by the worst alert inside."""
    ring = RINGS[worst]
    return ClusterStyle(CLUSTER_FILL, CLUSTER_TEXT, ring.color, ring.width, cluster_size(count))


def as_dict() -> dict[str, Any]:
    """Every table as plain JSON-able data (what the HTML export embeds for its JavaScript)."""
    return {
        "severities": list(SEVERITIES),
        "grades": {k: asdict(v) for k, v in GRADES.items()},
        "rings": {k: asdict(v) for k, v in RINGS.items()},
        "overdue": asdict(OVERDUE),
        "tiers": {str(k): asdict(v) for k, v in TIERS.items()},
        "outline": OUTLINE,
        "cluster": {
            "fill": CLUSTER_FILL,
            "text": CLUSTER_TEXT,
            "sizes": [[limit, size] for limit, size in CLUSTER_SIZES],
        },
        "warning_kinds": {k: list(v) for k, v in WARNING_KINDS.items()},
        "quadrants": {k: list(v) for k, v in QUADRANTS.items()},
        "ungraded": UNGRADED,
    }
