"""The workbook format: one sheet per entity, its columns, types, keys and references.

This table is the single description of the format; docs/data-format.md is checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# limits the server also holds (supabase/migrations/20261206120000_input_limits.sql); a test
# compares them with the database's checks
TEXT = 200  # codes, names, addresses, kinds
LONG_TEXT = 4000  # notes, descriptions, contract clauses
BOXES = 1_000_000  # whole boxes per line
MONEY = 1_000_000_000  # yuan per row
UNIT_PRICE = 1_000_000  # yuan per box
COUNT = 100_000  # vehicles, staff, sub-distributors
LINES = 10_000  # line numbers
MAX_ITEMS = 50  # entries of a list (hot brands), together at most 2,000 characters


@dataclass(frozen=True)
class Col:
    """One column of a sheet."""

    name: str  # English header, also the default database column
    zh: str  # Chinese header (accepted as an alias)
    kind: str  # text, int, decimal, date, month, bool, enum, lat, lng, list, email, code
    required: bool = False
    choices: dict[str, str] = field(default_factory=dict)  # enum value -> Chinese label
    ref: str | None = None  # sheet whose key this column names
    min: float | None = None  # smallest allowed value
    min_exclusive: bool = False  # the value must be strictly above min
    max: float | None = None
    default: object = None  # a new row's value for a blank cell (an existing row keeps its own)
    db: str | None = None  # database column, when it differs (refs: the *_id column)
    initial: bool = False  # written for new rows only: the server keeps it up to date afterwards
    max_len: int = TEXT  # most characters of a text (the server's check, docs/access.md Limits)
    keep: bool = False  # a blank cell leaves an existing row's value (without a default)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook and the table it loads."""

    name: str
    zh: str
    table: str
    key: tuple[str, ...]
    cols: tuple[Col, ...]
    required: bool = False

    def col(self, name: str) -> Col:
        """The column called name."""
        return next(c for c in self.cols if c.name == name)


ROLES = {"rep": "业务员", "area_manager": "区域经理", "manager": "销售经理", "dealer": "经销商"}
TIERS = {"1": "经销商", "2": "二批", "3": "零售终端"}
CUSTOMER_STATUS = {
    "prospect": "潜在",
    "active": "合作中",
    "suspended": "暂停",
    "eliminated": "淘汰",
}
GRADES = {"A": "A", "B": "B", "C": "C", "D": "D"}
CONTRACT_STATUS = {
    "draft": "草稿",
    "in_review": "审核中",
    "signed": "已签署",
    "effective": "生效",
    "expired": "已到期",
    "terminated": "已终止",
}
SETTLEMENT = {"unsettled": "未结", "partial": "部分结清", "settled": "已结清"}
PAY_METHODS = {
    "transfer": "转账",
    "cash": "现金",
    "cheque": "支票",
    "acceptance": "承兑汇票",
    "other": "其他",
}
RETURN_KINDS = {
    "return": "退货",
    "exchange": "换货",
    "repair": "维修",
    "packaging": "调换包装",
    "credit_note": "折让单",
}
RETURN_STATUS = {
    "requested": "已申请",
    "accepted": "已受理",
    "rejected": "已拒绝",
    "completed": "已完成",
}
EXPENSE_CATEGORIES = {
    "management": "经营管理支援",
    "sales_activity": "销售活动支援",
    "advertising_pr": "广告公关",
    "store_display": "店铺装修陈列",
    "promotion": "促销活动",
    "information": "信息支援",
    "training": "培训",
    "meeting": "会议",
    "executive_visit": "领导拜访",
    "rebate": "返利",
    "travel": "差旅",
    "other": "其他",
}
INCIDENT_KINDS = {
    "theft": "被盗",
    "accident": "车祸",
    "family_split": "分家",
    "serious_illness": "重病",
    "other_major": "其他重大变故",
    "minor": "一般事件",
}
SUPPORT_KINDS = {
    "training": "培训",
    "management": "管理咨询",
    "sales_activity": "促销活动支持",
    "advertising_pr": "广告公关",
    "store_display": "店面装修与陈列",
    "promotion": "促销",
    "information": "信息服务",
    "meeting": "座谈会",
    "executive_visit": "领导拜访",
}
SUPPORT_STATUS = {"planned": "计划", "done": "已完成", "evaluated": "已评估", "cancelled": "已取消"}
RIGHTS_LEVELS = {"general": "总经销", "sub": "分经销"}
FREIGHT = {"supplier": "供方", "dealer": "需方", "shared": "双方分担"}
SCORE = {"min": 1, "max": 5}

_SCORECARD = (
    ("enthusiasm", "积极性"),
    ("flexibility", "经营灵活性"),
    ("distribution_capacity", "分销能力"),
    ("capital_strength", "资金实力"),
    ("hot_brands", "畅销品牌"),
    ("logistics", "仓储车辆人员"),
    ("credit", "信誉"),
    ("social_relations", "社会关系"),
    ("sales_management", "销售管理"),
    ("network", "销售网络"),
    ("promotion_ability", "促销能力"),
    ("after_sales", "售后服务能力"),
    ("relationship", "与本公司关系"),
)


def _money(name: str, zh: str, **kw: object) -> Col:
    return Col(name, zh, "decimal", min=0, max=MONEY, **kw)


def _price(name: str, zh: str, **kw: object) -> Col:
    return Col(name, zh, "decimal", min=0, max=UNIT_PRICE, **kw)


def _boxes(name: str, zh: str, **kw: object) -> Col:
    return Col(name, zh, "int", max=BOXES, **kw)


def _long(name: str, zh: str, **kw: object) -> Col:
    return Col(name, zh, "text", max_len=LONG_TEXT, **kw)


def _party(side: str, zh: str) -> tuple[Col, ...]:
    fields = (
        ("name", "名称"),
        ("address", "地址"),
        ("phone", "电话"),
        ("legal_rep", "法人代表"),
        ("signing_rep", "签约代表"),
        ("bank", "开户行"),
        ("account", "账号"),
        ("tax_id", "税号"),
    )
    return tuple(Col(f"party_{side}_{f}", f"{zh}{fz}", "text") for f, fz in fields)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "areas",
        "区域",
        "areas",
        ("code",),
        (
            Col("code", "区域编码", "code", required=True),
            Col("name", "区域名称", "text", required=True),
            Col("parent_code", "上级区域编码", "code", ref="areas", db="parent_id"),
        ),
        required=True,
    ),
    Sheet(
        "users",
        "用户",
        "profiles",
        ("email",),
        (
            Col("email", "邮箱", "email", required=True),
            Col("full_name", "姓名", "text", required=True),
            Col("role", "角色", "enum", required=True, choices=ROLES),
            Col("area_code", "区域编码", "code", ref="areas", db="area_id"),
            Col("customer_code", "所属客户编码", "code", ref="customers", db="customer_id"),
            Col("phone", "电话", "phone"),
            Col("active", "在职", "bool", default=True),
        ),
        required=True,
    ),
    Sheet(
        "products",
        "产品",
        "products",
        ("sku",),
        (
            Col("sku", "产品编码", "code", required=True),
            Col("name", "品名", "text", required=True),
            Col("brand", "品牌", "text", required=True),
            Col("variety", "品种", "text"),
            Col("spec", "规格", "text", required=True),
            Col("unit", "单位", "text", default="箱"),
            _price("unit_price", "单价", required=True),
            Col("active", "在售", "bool", default=True),
        ),
        required=True,
    ),
    Sheet(
        "customers",
        "客户",
        "customers",
        ("code",),
        (
            Col("code", "客户编码", "code", required=True),
            Col("name", "客户名称", "text", required=True),
            Col("tier", "层级", "enum", required=True, choices=TIERS),
            Col("parent_code", "上级客户编码", "code", ref="customers", db="parent_id"),
            Col("owner_email", "业务员邮箱", "email", ref="users", db="owner_id"),
            Col("area_code", "区域编码", "code", required=True, ref="areas", db="area_id"),
            Col("status", "状态", "enum", choices=CUSTOMER_STATUS, default="active"),
            Col("address", "地址", "text"),
            Col("lat", "纬度", "lat"),
            Col("lng", "经度", "lng"),
            # blank ones are filled from lat/lng after the load (importer/places.py)
            Col("province", "省", "text", keep=True),
            Col("city", "市", "text", keep=True),
            Col("district", "区县", "text", keep=True),
            Col("contact_name", "联系人", "text"),
            Col("phone", "电话", "phone"),
            _money("credit_limit", "信用额度", default=0),
            Col("payment_terms_days", "账期天数", "int", min=0, max=365, default=30),
            Col("sub_distributor_count", "下家数量", "int", min=0, max=COUNT),
            _long("coverage", "覆盖范围"),
            Col("capital_10k", "资金(万元)", "decimal", min=0, max=1_000_000),
            Col("hot_brands", "畅销品牌", "list", default=(), max_len=2000),
            Col("warehouse_m2", "仓库面积(平方米)", "decimal", min=0, max=1_000_000),
            Col("vehicles", "车辆数", "int", min=0, max=COUNT),
            Col("staff", "人员数", "int", min=0, max=COUNT),
            Col("management_flexibility", "经营灵活性", "int", min=1, max=5),
            Col("exclusive", "专营", "bool", default=False),
            # the starting grade: classification after the import keeps it up to date
            Col("grade", "等级", "enum", choices=GRADES, initial=True),
            Col("since", "合作起始日期", "date"),
        ),
        required=True,
    ),
    Sheet(
        "contracts",
        "合同",
        "contracts",
        ("contract_no",),
        (
            Col("contract_no", "合同编号", "code", required=True),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("version", "版本", "int", min=1, max=1000, default=1),
            Col("status", "状态", "enum", choices=CONTRACT_STATUS, default="draft"),
            Col("custodian_email", "保管人邮箱", "email", ref="users", db="custodian_id"),
            _long("quality_terms", "质量要求"),
            _long("delivery_time", "送货时间"),
            _long("delivery_place", "收货地点"),
            _long("transport_mode", "运输方式"),
            Col("freight_paid_by", "运费承担", "enum", choices=FREIGHT),
            _long("acceptance_terms", "验收"),
            Col("rights_level", "经营级别", "enum", choices=RIGHTS_LEVELS),
            _long("territory", "经营区域"),
            _long("brands", "经营品牌"),
            Col("term_start", "经营起始日", "date"),
            Col("term_end", "经营截止日", "date"),
            _long("settlement_method", "结账方式"),
            Col("payment_days", "付款天数", "int", min=0, max=365),
            Col("rebate_pct", "返利(%)", "decimal", min=0, max=100),
            _long("annual_bonus", "年奖"),
            _long("promotion_support", "促销支持"),
            _long("advertising_support", "广告支持"),
            _long("staff_support", "人员支持"),
            _long("ordering_terms", "订货规定"),
            _long("return_terms", "退货规定"),
            _long("breach_liability", "违约责任"),
            _long("dispute_resolution", "纠纷处理"),
            Col("signed_on", "签约日期", "date"),
            Col("signed_place", "签约地点", "text"),
            Col("effective_on", "生效日期", "date"),
            *_party("a", "甲方"),
            *_party("b", "乙方"),
        ),
    ),
    Sheet(
        "contract_lines",
        "合同标的",
        "contract_lines",
        ("contract_no", "line_no"),
        (
            Col(
                "contract_no", "合同编号", "code", required=True, ref="contracts", db="contract_id"
            ),
            Col("line_no", "行号", "int", required=True, min=1, max=LINES),
            Col("sku", "产品编码", "code", ref="products", db="product_id"),
            Col("variety", "品种", "text"),
            Col("brand", "品牌", "text"),
            Col("spec", "规格", "text"),
            _boxes("quantity", "数量", required=True, min=0),
            _price("unit_price", "单价", required=True),
        ),
    ),
    Sheet(
        "plans",
        "销售计划",
        "sales_plans",
        ("customer_code", "sku", "month"),
        (
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("sku", "产品编码", "code", required=True, ref="products", db="product_id"),
            Col("month", "月份", "month", required=True),
            _boxes("quantity", "计划数量", required=True, min=0),
            _money("amount", "计划金额", required=True),
            _long("schedule", "进度安排"),
            _long("planned_support", "销售支援"),
        ),
    ),
    Sheet(
        "shipments",
        "出货记录",
        "shipments",
        ("doc_no", "line_no"),
        (
            Col("doc_no", "单号", "code", required=True),
            Col("line_no", "行号", "int", required=True, min=1, max=LINES),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("seller_code", "供货客户编码", "code", ref="customers", db="seller_id"),
            Col("sku", "产品编码", "code", required=True, ref="products", db="product_id"),
            Col("shipped_on", "进货日期", "date", required=True),
            _boxes("quantity", "数量", required=True, min=0, min_exclusive=True),
            _price("unit_price", "单价", required=True),
            _money("amount", "金额"),
            Col("settlement_status", "结账情况", "enum", choices=SETTLEMENT, default="unsettled"),
        ),
    ),
    Sheet(
        "payments",
        "回款记录",
        "payments",
        ("reference",),
        (
            Col("reference", "回款编号", "code", required=True),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("paid_on", "回款日期", "date", required=True),
            _money("amount", "金额", required=True, min_exclusive=True),
            Col("method", "方式", "enum", choices=PAY_METHODS, default="transfer"),
            _long("note", "备注"),
        ),
    ),
    Sheet(
        "returns",
        "退换货",
        "returns",
        ("reference",),
        (
            Col("reference", "退货编号", "code", required=True),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("sku", "产品编码", "code", ref="products", db="product_id"),
            Col("kind", "类型", "enum", required=True, choices=RETURN_KINDS),
            _boxes("quantity", "数量", min=0, default=0),
            _money("amount", "金额", default=0),
            _long("reason", "原因"),
            Col("status", "状态", "enum", choices=RETURN_STATUS, default="requested"),
            Col("requested_on", "申请日期", "date", required=True),
            Col("decided_on", "处理日期", "date"),
        ),
    ),
    Sheet(
        "expenses",
        "销售费用",
        "expenses",
        ("reference",),
        (
            Col("reference", "费用编号", "code", required=True),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("spent_on", "发生日期", "date", required=True),
            Col("category", "类别", "enum", required=True, choices=EXPENSE_CATEGORIES),
            _money("amount", "金额", required=True, min_exclusive=True),
            _long("description", "说明"),
        ),
    ),
    Sheet(
        "budgets",
        "费用预算",
        "expense_budgets",
        ("customer_code", "period_start"),
        (
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("period_start", "起始日期", "date", required=True),
            Col("period_end", "截止日期", "date", required=True),
            _money("amount", "预算金额", required=True),
        ),
    ),
    Sheet(
        "incidents",
        "重大变故",
        "incidents",
        ("customer_code", "occurred_on", "kind"),
        (
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("occurred_on", "发生日期", "date", required=True),
            Col("kind", "类型", "enum", required=True, choices=INCIDENT_KINDS),
            _long("description", "情况说明", required=True),
            Col("reporter_email", "报告人邮箱", "email", ref="users", db="reported_by"),
        ),
    ),
    Sheet(
        "support",
        "辅导支援",
        "support_activities",
        ("reference",),
        (
            Col("reference", "支援编号", "code", required=True),
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("kind", "类型", "enum", required=True, choices=SUPPORT_KINDS),
            Col("title", "主题", "text", required=True),
            Col("status", "状态", "enum", choices=SUPPORT_STATUS, default="planned"),
            Col("planned_on", "计划日期", "date"),
            Col("done_on", "完成日期", "date"),
            _money("cost", "费用", default=0),
            _long("materials", "提供物料"),
            _long("outcome", "效果"),
            Col("owner_email", "负责人邮箱", "email", ref="users", db="owner_id"),
            Col("score", "评分", "int", min=1, max=5),
            _long("evaluation_note", "评估说明"),
            Col("evaluator_email", "评估人邮箱", "email", ref="users", db="evaluated_by"),
            Col("evaluated_on", "评估日期", "date", db="evaluated_at"),
            Col("cancelled_on", "取消日期", "date", db="cancelled_at"),
            _long("cancel_reason", "取消原因"),
        ),
    ),
    Sheet(
        "evaluations",
        "客户评价",
        "evaluations",
        ("customer_code", "evaluated_on"),
        (
            Col(
                "customer_code",
                "客户编码",
                "code",
                required=True,
                ref="customers",
                db="customer_id",
            ),
            Col("evaluated_on", "评价日期", "date", required=True),
            Col("evaluator_email", "评价人邮箱", "email", ref="users", db="evaluator_id"),
            *(Col(n, z, "int", required=True, min=1, max=5) for n, z in _SCORECARD),
            _long("comment", "评语"),
        ),
    ),
)

SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
# the natural key column each sheet is referenced by
REF_KEYS: dict[str, str] = {
    "areas": "code",
    "users": "email",
    "customers": "code",
    "products": "sku",
    "contracts": "contract_no",
}
