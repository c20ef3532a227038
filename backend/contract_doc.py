"""The print-ready contract (经销合同): HTML with the bundled CJK font, and PDF via WeasyPrint."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from fieldapp.errors import InvalidInput

ASSETS = Path(__file__).resolve().parents[1] / "assets"
FONT = ASSETS / "fonts" / "NotoSansSC-Regular.ttf"
CSS = ASSETS / "print" / "contract.css"
SECTIONS = (
    ("①", "产品名称、品牌、规格、数量及价格", "Goods"),
    ("②", "质量要求", "Quality"),
    ("③", "交货时间、地点、方式及费用", "Delivery"),
    ("④", "验收标准及方法", "Acceptance"),
    ("⑤", "经营权限", "Business rights"),
    ("⑥", "结算方式", "Settlement"),
    ("⑦", "经销政策", "Dealer policy"),
    ("⑧", "订货与退货", "Ordering and returns"),
    ("⑨", "违约责任及争议解决", "Breach and disputes"),
    ("⑩", "签约时间、地点及生效", "Signing"),
    ("⑪", "双方信息", "The parties"),
)
STATUS_ZH = {
    "draft": "草稿",
    "in_review": "审核中",
    "signed": "已签署",
    "effective": "生效",
    "expired": "已到期",
    "terminated": "已终止",
}
FREIGHT_ZH = {"supplier": "甲方（供方）承担", "dealer": "乙方（需方）承担", "shared": "双方分担"}
LEVEL_ZH = {"general": "总经销", "sub": "分经销"}
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")


@dataclass(frozen=True)
class ContractDoc:
    """Everything the printed contract shows."""

    contract: dict[str, Any]
    lines: list[dict[str, Any]]
    company_name: str
    logo: str  # a data URI or URL


def load_contract(conn: psycopg.Connection, contract_no: str) -> ContractDoc:
    """The contract with this number, its goods lines and the company's name and logo."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            "select c.*, cu.code as customer_code from public.contracts c"
            " join public.customers cu on cu.id = c.customer_id where c.contract_no = %s",
            (contract_no,),
        )
        contract = cur.fetchone()
        if contract is None:
            raise InvalidInput(f"找不到合同「{contract_no}」", f"unknown contract {contract_no!r}")
        cur.execute(
            "select l.*, p.sku, p.name as product_name, p.unit from public.contract_lines l"
            " left join public.products p on p.id = l.product_id"
            " where l.contract_id = %s order by l.line_no",
            (contract["id"],),
        )
        lines = cur.fetchall()
        cur.execute(
            "select key, value #>> '{}' as v from public.settings"
            " where key in ('company.name', 'company.logo')"
        )
        settings = {r["key"]: r["v"] for r in cur.fetchall()}
    return ContractDoc(
        contract,
        lines,
        settings.get("company.name") or contract.get("party_a_name") or "",
        settings.get("company.logo") or "",
    )


def rmb_upper(amount: Decimal) -> str:
    """An amount in Chinese financial capitals (人民币大写), e.g. 壹仟零伍元整."""
    cents = int((amount * 100).quantize(Decimal(1)))
    if cents == 0:
        return "零元整"
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    out, zero = "", False
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    for gi in range(len(groups) - 1, -1, -1):
        g = groups[gi]
        if g == 0:
            zero = bool(out)
            continue
        for ui in range(3, -1, -1):
            d = g // 10**ui % 10
            if d == 0:
                zero = bool(out)
            else:
                out += ("零" if zero else "") + _DIGITS[d] + _UNITS[ui]
                zero = False
        out += _GROUPS[gi]
    out = (out + "元") if out else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif out:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def _t(value: Any) -> str:
    if value is None or value == "":
        return '<span class="blank">　</span>'
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return html.escape(str(value))


def _pct(value: Any) -> str:
    return f"{Decimal(value).normalize():f}"


def _fields(pairs: list[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{_t(v)}</td></tr>" for k, v in pairs)
    return f'<table class="fields">{rows}</table>'


def _goods(lines: list[dict[str, Any]]) -> str:
    cols = ("序号", "品种", "品牌", "规格", "数量", "单价（元）", "金额（元）")
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in cols) + "</tr>"
    body, total = [], Decimal(0)
    for ln in lines:
        amount = (Decimal(ln["quantity"]) * Decimal(ln["unit_price"])).quantize(Decimal("0.01"))
        total += amount
        qty = Decimal(ln["quantity"]).normalize()
        body.append(
            f"<tr><td class='c'>{ln['line_no']}</td>"
            f"<td>{_t(ln.get('variety') or ln.get('product_name'))}</td>"
            f"<td>{_t(ln.get('brand'))}</td>"
            f"<td>{_t(ln.get('spec'))}</td><td class='n'>{qty:,f} {_t(ln.get('unit') or '箱')}</td>"
            f"<td class='n'>{_t(Decimal(ln['unit_price']))}</td>"
            f"<td class='n'>{_t(amount)}</td></tr>"
        )
    foot = (
        f"<tr class='total'><td colspan='6'>合计（人民币大写）：{rmb_upper(total)}</td>"
        f"<td class='n'>{_t(total)}</td></tr>"
    )
    return f'<table class="goods">{head}{"".join(body)}{foot}</table>'


def _party(c: dict[str, Any], side: str) -> list[tuple[str, Any]]:
    labels = (
        ("name", "名称"),
        ("address", "地址"),
        ("phone", "电话"),
        ("legal_rep", "法定代表人"),
        ("signing_rep", "签约代表"),
        ("bank", "开户银行"),
        ("account", "银行账号"),
        ("tax_id", "纳税人识别号"),
    )
    return [(zh, c.get(f"party_{side}_{k}")) for k, zh in labels]


def _sections(doc: ContractDoc) -> list[str]:
    c = doc.contract
    term = (c.get("term_start"), c.get("term_end"))
    bodies = [
        _goods(doc.lines),
        _fields([("质量标准", c.get("quality_terms"))]),
        _fields(
            [
                ("交货时间", c.get("delivery_time")),
                ("交货地点", c.get("delivery_place")),
                ("运输方式", c.get("transport_mode")),
                (
                    "运输费用",
                    FREIGHT_ZH.get(c.get("freight_paid_by") or "", c.get("freight_paid_by")),
                ),
            ]
        ),
        _fields([("验收", c.get("acceptance_terms"))]),
        _fields(
            [
                ("经销级别", LEVEL_ZH.get(c.get("rights_level") or "", c.get("rights_level"))),
                ("经营区域", c.get("territory")),
                ("经营品牌", c.get("brands")),
                ("经营期限", None if not all(term) else f"{_t(term[0])} 至 {_t(term[1])}"),
            ]
        ),
        _fields(
            [
                ("结算方式", c.get("settlement_method")),
                (
                    "付款期限",
                    None if c.get("payment_days") is None else f"发货后 {c['payment_days']} 天内",
                ),
            ]
        ),
        _fields(
            [
                (
                    "返利",
                    None if c.get("rebate_pct") is None else f"按回款额的 {_pct(c['rebate_pct'])}%",
                ),
                ("年终奖励", c.get("annual_bonus")),
                ("促销支持", c.get("promotion_support")),
                ("广告支持", c.get("advertising_support")),
                ("人员支持", c.get("staff_support")),
            ]
        ),
        _fields([("订货规定", c.get("ordering_terms")), ("退货规定", c.get("return_terms"))]),
        _fields(
            [
                ("违约责任", c.get("breach_liability")),
                ("争议解决", c.get("dispute_resolution")),
            ]
        ),
        _fields(
            [
                ("签约时间", c.get("signed_on")),
                ("签约地点", c.get("signed_place")),
                ("生效日期", c.get("effective_on")),
            ]
        ),
        '<div class="parties"><div><h3>甲方（供方）</h3>'
        + _fields(_party(c, "a"))
        + "</div><div><h3>乙方（经销商）</h3>"
        + _fields(_party(c, "b"))
        + "</div></div>",
    ]
    return [
        f'<section><h2><span class="no">{no}</span>{title}</h2>{body}</section>'
        for (no, title, _), body in zip(SECTIONS, bodies, strict=True)
    ]


def _signatures(c: dict[str, Any]) -> str:
    def block(side: str, label: str) -> str:
        name = _t(c.get(f"party_{side}_name"))
        return (
            f'<div class="sign"><div class="who">{label}：{name}</div>'
            '<div class="seal">（盖章）</div>'
            "<p>法定代表人或授权代表（签字）：</p><p class='line'></p>"
            "<p>日期：　　　　年　　月　　日</p></div>"
        )

    return f'<div class="signatures">{block("a", "甲方")}{block("b", "乙方")}</div>'


def _font_face(mode: str, text: str) -> str:
    if mode == "file":
        src = f"url('{FONT.as_uri()}') format('truetype')"
    else:  # a subset with just this document's characters, embedded
        from fontTools import subset

        opts = subset.Options()
        opts.desubroutinize = True
        font = subset.load_font(str(FONT), opts)
        sub = subset.Subsetter(opts)
        sub.populate(text=text + "0123456789,.-:%（）")
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode()
        src = f"url(data:font/ttf;base64,{data}) format('truetype')"
    return f"@font-face {{ font-family: 'FieldSans'; src: {src}; }}"


def contract_html(doc: ContractDoc, *, font: str = "embed") -> str:
    """The contract as one HTML page; font 'embed' (a subset inside the file) or 'file' (a URL)."""
    c = doc.contract
    status = c.get("status") or "draft"
    mark = (
        f'<div class="watermark">{STATUS_ZH[status]}</div>'
        if status in ("draft", "in_review", "expired", "terminated")
        else ""
    )
    no = html.escape(c["contract_no"], quote=True)
    logo = f'<img src="{html.escape(doc.logo, quote=True)}" alt="">' if doc.logo else ""
    intro = (
        f"甲方{_t(c.get('party_a_name'))}与乙方{_t(c.get('party_b_name'))}，本着平等互利、"
        "诚实守信的原则，经友好协商，就乙方经销甲方产品事宜达成如下协议，双方共同遵守。"
    )
    body = (
        f"<header>{logo}<div class='company'>{html.escape(doc.company_name)}"
        "<small>经销商管理 · 合同文本</small></div></header>"
        "<h1>经销合同</h1>"
        f"<div class='meta' data-no='合同编号 {no}'><span>合同编号：{no}</span>"
        f"<span>版本：第 {c.get('version') or 1} 版</span>"
        f"<span>状态：{STATUS_ZH.get(status, status)}</span></div>"
        f"{mark}<p class='intro'>{intro}</p>"
        + "".join(_sections(doc))
        + "<p class='end'>（以下无正文，为签署页）</p>"
        + _signatures(c)
        + "<footer>本合同一式两份，甲乙双方各执一份，具有同等法律效力。</footer>"
    )
    face = _font_face(font, body)
    css = CSS.read_text(encoding="utf-8")
    title = html.escape(f"经销合同 {c['contract_no']}")
    return (
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{face}\n{css}</style></head><body>{body}</body></html>"
    )


def contract_pdf(doc: ContractDoc) -> bytes:
    """The contract as PDF bytes (WeasyPrint; the font is read from assets/fonts)."""
    from weasyprint import HTML

    pdf = HTML(string=contract_html(doc, font="file"), base_url=str(FONT.parent)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def write_contract(conn: psycopg.Connection, contract_no: str, path: Path) -> Path:
    """Write the contract as .pdf or .html (by the file's suffix); nothing is written on error."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise InvalidInput(
            f"输出文件须为 .pdf 或 .html：{path.name}", f"the output must be .pdf or .html: {path}"
        )
    doc = load_contract(conn, contract_no)
    data = contract_pdf(doc) if suffix == ".pdf" else contract_html(doc).encode("utf-8")
    from backend.ledger_export import atomic_write

    atomic_write(path, data)
    return path
