"""Name, place, product and contract wording parts for the demo data (East China)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from backend.demo_places import NATIONAL_AREAS, NATIONAL_CITIES, NATIONAL_ROOT

# city: (prefix, lat, lng, {district: streets}) — real city centres, districts and streets
CITIES: dict[str, tuple[str, float, float, dict[str, tuple[str, ...]]]] = {
    "上海": ("上海市", 31.2304, 121.4737, {
        "浦东新区": ("张杨路", "世纪大道", "浦东南路", "东方路", "杨高中路"),
        "徐汇区": ("漕溪北路", "肇嘉浜路", "天钥桥路"),
        "静安区": ("南京西路", "延安中路", "共和新路"),
        "杨浦区": ("四平路", "控江路", "黄兴路"),
        "闵行区": ("七莘路", "莘庄路", "沪闵路"),
        "普陀区": ("曹杨路", "真北路"),
    }),
    "杭州": ("浙江省杭州市", 30.2741, 120.1551, {
        "西湖区": ("文三路", "天目山路", "古墩路"),
        "拱墅区": ("莫干山路", "湖墅南路", "登云路"),
        "上城区": ("解放路", "庆春路", "秋涛路"),
        "滨江区": ("江南大道", "滨盛路"),
    }),
    "宁波": ("浙江省宁波市", 29.8683, 121.5440, {
        "海曙区": ("中山西路", "解放南路", "柳汀街"),
        "江北区": ("人民路", "大庆南路"),
        "鄞州区": ("天童南路", "四明中路", "钱湖北路"),
    }),
    "嘉兴": ("浙江省嘉兴市", 30.7522, 120.7555, {
        "南湖区": ("中山东路", "建国南路", "勤俭路"),
        "秀洲区": ("洪兴路", "中山西路"),
    }),
    "绍兴": ("浙江省绍兴市", 30.0303, 120.5801, {
        "越城区": ("解放北路", "人民中路", "胜利东路"),
        "柯桥区": ("笛扬路", "柯桥大道"),
    }),
    "湖州": ("浙江省湖州市", 30.8930, 120.0868, {
        "吴兴区": ("红旗路", "凤凰路"),
        "南浔区": ("人瑞路", "南浔大道"),
    }),
    "温州": ("浙江省温州市", 27.9938, 120.6994, {
        "鹿城区": ("人民路", "车站大道", "学院中路"),
        "瓯海区": ("温州大道", "府东路"),
    }),
    "台州": ("浙江省台州市", 28.6564, 121.4208, {
        "椒江区": ("市府大道", "中山西路"),
        "黄岩区": ("劳动北路", "西城街"),
    }),
    "金华": ("浙江省金华市", 29.0790, 119.6474, {
        "婺城区": ("八一南街", "人民西路"),
        "金东区": ("光南路", "李渔路"),
    }),
    "苏州": ("江苏省苏州市", 31.2989, 120.5853, {
        "姑苏区": ("人民路", "干将西路", "石路"),
        "工业园区": ("星湖街", "现代大道", "苏州大道东"),
        "吴中区": ("东吴北路", "宝带西路"),
        "虎丘区": ("狮山路", "长江路"),
    }),
    "南京": ("江苏省南京市", 32.0603, 118.7969, {
        "玄武区": ("中山路", "珠江路", "龙蟠中路"),
        "鼓楼区": ("中山北路", "湖南路", "草场门大街"),
        "秦淮区": ("中华路", "太平南路", "应天大街"),
        "建邺区": ("江东中路", "集庆门大街"),
    }),
    "无锡": ("江苏省无锡市", 31.4912, 120.3119, {
        "梁溪区": ("中山路", "人民中路", "解放西路"),
        "滨湖区": ("梁溪路", "蠡湖大道"),
        "新吴区": ("长江路", "旺庄路"),
    }),
    "常州": ("江苏省常州市", 31.8107, 119.9741, {
        "天宁区": ("延陵西路", "北大街", "关河东路"),
        "钟楼区": ("南大街", "广化街"),
        "新北区": ("太湖东路", "通江中路"),
    }),
    "南通": ("江苏省南通市", 31.9802, 120.8943, {
        "崇川区": ("人民中路", "工农路", "青年中路"),
        "通州区": ("世纪大道", "新金路"),
    }),
    "扬州": ("江苏省扬州市", 32.3942, 119.4129, {
        "广陵区": ("文昌中路", "汶河南路"),
        "邗江区": ("扬子江北路", "文汇西路"),
    }),
    "合肥": ("安徽省合肥市", 31.8206, 117.2272, {
        "庐阳区": ("长江中路", "阜阳路", "濉溪路"),
        "蜀山区": ("黄山路", "潜山路"),
        "包河区": ("马鞍山路", "望江东路"),
        "瑶海区": ("胜利路", "长江东路"),
    }),
    "芜湖": ("安徽省芜湖市", 31.3526, 118.4331, {
        "镜湖区": ("中山路", "北京中路"),
        "鸠江区": ("赤铸山路", "九华北路"),
    }),
    "蚌埠": ("安徽省蚌埠市", 32.9163, 117.3893, {
        "蚌山区": ("胜利中路", "涂山路"),
        "龙子湖区": ("东海大道", "治淮路"),
    }),
    "济南": ("山东省济南市", 36.6512, 117.1201, {
        "历下区": ("泉城路", "经十路", "解放路"),
        "市中区": ("经四路", "纬二路"),
        "槐荫区": ("经七路", "经十路"),
        "天桥区": ("北园大街", "堤口路"),
    }),
    "青岛": ("山东省青岛市", 36.0671, 120.3826, {
        "市南区": ("香港中路", "中山路"),
        "市北区": ("辽宁路", "台东三路"),
        "崂山区": ("海尔路", "松岭路"),
    }),
    "烟台": ("山东省烟台市", 37.4638, 121.4479, {
        "芝罘区": ("北马路", "南大街"),
        "莱山区": ("迎春大街", "观海路"),
    }),
    "福州": ("福建省福州市", 26.0745, 119.2965, {
        "鼓楼区": ("五四路", "东街", "杨桥中路"),
        "台江区": ("八一七中路", "工业路"),
        "晋安区": ("福新中路", "岳峰路"),
    }),
    "厦门": ("福建省厦门市", 24.4798, 118.0894, {
        "思明区": ("中山路", "湖滨南路", "厦禾路"),
        "湖里区": ("湖里大道", "枋湖南路"),
    }),
    "泉州": ("福建省泉州市", 24.8741, 118.6757, {
        "鲤城区": ("中山中路", "温陵路"),
        "丰泽区": ("丰泽街", "田安路"),
    }),
    "南昌": ("江西省南昌市", 28.6820, 115.8579, {
        "东湖区": ("八一大道", "中山路", "阳明路"),
        "西湖区": ("象山南路", "孺子路"),
        "青山湖区": ("北京东路", "南京东路"),
    }),
    "九江": ("江西省九江市", 29.7051, 116.0019, {
        "浔阳区": ("浔阳路", "庐山中路"),
        "濂溪区": ("十里大道", "前进东路"),
    }),
    "赣州": ("江西省赣州市", 25.8310, 114.9350, {
        "章贡区": ("文清路", "红旗大道"),
        "南康区": ("蓉江路", "东山大道"),
    }),
}  # fmt: skip

# area code: (name, cities); the default scale uses the first three, large all eight
AREAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "SH": ("上海区", ("上海",)),
    "ZJ": ("浙江区", ("杭州", "宁波", "嘉兴", "绍兴")),
    "JS": ("江苏区", ("南京", "苏州", "无锡", "常州", "南通", "扬州")),
    "ZN": ("浙南区", ("温州", "台州", "金华", "湖州")),
    "AH": ("安徽区", ("合肥", "芜湖", "蚌埠")),
    "SD": ("山东区", ("济南", "青岛", "烟台")),
    "FJ": ("福建区", ("福州", "厦门", "泉州")),
    "JX": ("江西区", ("南昌", "九江", "赣州")),
}
ROOT_AREA = ("HD", "华东大区")
EAST_AREAS = len(AREAS)  # the default and large scales stay in East China under ROOT_AREA
CITIES |= NATIONAL_CITIES
AREAS |= NATIONAL_AREAS  # the national scale: 30 areas under NATIONAL_ROOT
NATIONAL = NATIONAL_ROOT

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢钟陆汪范金石夏方邵钱顾"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞海波宇浩晨婷雪琳慧颖佳俊凯峰昇淼鑫"
)
ZIHAO_A = list("鑫淼犇昇华盛泰恒金福顺兴永宏嘉瑞德富隆鸿裕祥丰源达利安康汇通佳美万新天")
ZIHAO_B = list("源丰盛达隆昌祥发利通泰兴和顺福旺茂鑫昇旭")
CHAINS = ["万家福", "好邻居", "华联", "联华", "家家乐", "惠民", "邻里", "快客", "百佳", "乐购"]
DEALER_KINDS = [
    "副食品批发部",
    "商贸有限公司",
    "食品贸易有限公司",
    "食品有限公司",
    "糖酒副食有限公司",
]
SUB_KINDS = ["副食批发部", "粮油食品经营部", "食品商行", "副食品商店", "调味品经营部", "批发部"]
STORE_KINDS = ["超市", "便利店", "生活超市", "烟酒店", "食品店", "便民店"]
MOBILE = np.array([138, 139, 137, 136, 135, 150, 151, 152, 158, 159, 182, 183, 187, 188, 130, 131,
                   132, 155, 156, 185, 186, 133, 153, 180, 181, 189, 177, 199])  # fmt: skip
HOT_BRANDS = ["康师傅", "统一", "娃哈哈", "农夫山泉", "旺旺", "海天", "老干妈", "达利园",
              "王老吉", "伊利", "蒙牛", "双汇", "李锦记", "百事", "可口可乐", "洽洽",
              "三只松鼠", "太太乐"]  # fmt: skip
BANKS = ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "招商银行",
         "浙商银行", "江苏银行", "兴业银行"]  # fmt: skip

# sku, name, brand, variety, spec, unit price (per 箱)
PRODUCTS: list[tuple[str, str, str, str, str, float]] = [
    ("QY-W01", "清泉源饮用天然水", "清泉源", "饮用水", "550ml×24瓶", 32.0),
    ("QY-W02", "清泉源饮用天然水", "清泉源", "饮用水", "1.5L×12瓶", 36.0),
    ("QY-T01", "清泉源冰红茶", "清泉源", "茶饮料", "500ml×15瓶", 45.0),
    ("QY-T02", "清泉源茉莉绿茶", "清泉源", "茶饮料", "500ml×15瓶", 45.0),
    ("QY-J01", "清泉源鲜橙多", "清泉源", "果汁", "450ml×15瓶", 52.0),
    ("QY-J02", "清泉源山楂汁", "清泉源", "果汁", "1L×6瓶", 48.0),
    ("QY-C01", "清泉源柠檬汽水", "清泉源", "碳酸饮料", "330ml×24罐", 58.0),
    ("QY-C02", "清泉源盐汽水", "清泉源", "碳酸饮料", "600ml×20瓶", 50.0),
    ("QY-P01", "清泉源凉茶", "清泉源", "植物饮料", "310ml×24罐", 68.0),
    ("QY-G01", "清泉源礼盒果汁", "清泉源", "果汁", "1L×6瓶礼盒", 88.0),
    ("CD-S01", "脆多多原味薯片", "脆多多", "薯片", "70g×22袋", 62.0),
    ("CD-S02", "脆多多番茄味薯片", "脆多多", "薯片", "70g×22袋", 62.0),
    ("CD-B01", "脆多多苏打饼干", "脆多多", "饼干", "400g×12袋", 75.0),
    ("CD-B02", "脆多多夹心饼干", "脆多多", "饼干", "300g×16袋", 96.0),
    ("CD-N01", "脆多多每日坚果", "脆多多", "坚果", "25g×30袋×4盒", 198.0),
    ("CD-N02", "脆多多五香瓜子", "脆多多", "炒货", "260g×20袋", 110.0),
    ("CD-N03", "脆多多兰花豆", "脆多多", "炒货", "180g×30袋", 88.0),
    ("CD-M01", "脆多多手撕面包", "脆多多", "烘焙", "1kg×4箱", 72.0),
    ("CD-M02", "脆多多沙琪玛", "脆多多", "糕点", "470g×12袋", 118.0),
    ("CD-G01", "脆多多年货礼包", "脆多多", "礼盒", "1.2kg×6盒", 168.0),
    ("DX-Y01", "鼎鲜特级生抽", "鼎鲜", "酱油", "500ml×12瓶", 54.0),
    ("DX-Y02", "鼎鲜红烧老抽", "鼎鲜", "酱油", "500ml×12瓶", 56.0),
    ("DX-Y03", "鼎鲜酿造酱油", "鼎鲜", "酱油", "1.9L×6桶", 84.0),
    ("DX-V01", "鼎鲜镇江香醋", "鼎鲜", "食醋", "480ml×12瓶", 42.0),
    ("DX-O01", "鼎鲜蚝油", "鼎鲜", "蚝油", "700g×12瓶", 78.0),
    ("DX-J01", "鼎鲜鸡精", "鼎鲜", "鸡精", "200g×40袋", 128.0),
    ("DX-L01", "鼎鲜料酒", "鼎鲜", "料酒", "500ml×12瓶", 38.0),
    ("DX-B01", "鼎鲜豆瓣酱", "鼎鲜", "酱料", "300g×24瓶", 92.0),
    ("DX-F01", "鼎鲜菜籽油", "鼎鲜", "食用油", "5L×4桶", 189.0),
    ("DX-G01", "鼎鲜调味礼盒", "鼎鲜", "礼盒", "6瓶装×4盒", 150.0),
]
BRANDS = ["清泉源", "脆多多", "鼎鲜"]

COMPANY = {
    "name": "华东食品有限公司",
    "address": "上海市闵行区莘庄工业区申富路588号",
    "phone": "021-64881234",
    "legal_rep": "陈国华",
    "bank": "中国工商银行上海莘庄支行",
    "account": "1001234509876543210",
    "tax_id": "91310112MA1G8K2Q7X",
}
CONTRACT_TEXT = {
    "quality_terms": "产品符合国家食品安全标准及甲方企业标准,每批附出厂检验报告;"
    "保质期内非人为质量问题由甲方负责退换",
    "delivery_time": "乙方订单确认后{days}个工作日内送达",
    "transport_mode": "公路运输,甲方安排物流配送",
    "acceptance_terms": "货到当场清点数量、检查外包装;质量异议须在收货后7日内书面提出,"
    "逾期视为验收合格",
    "settlement_method": "月结,每月10日前银行转账结清上月货款",
    "annual_bonus": "全年完成销售目标100%以上按回款额1%奖励,120%以上按1.5%奖励",
    "promotion_support": "每季度一次终端促销活动,费用甲方承担60%;节庆档期另行申请",
    "advertising_support": "提供门头广告、POP物料、陈列道具及区域媒体广告投放",
    "staff_support": "甲方派驻业务员{staff}名,协助终端开发、理货及库存盘点",
    "ordering_terms": "每月25日前提交下月订货计划,单次订货不少于50箱,紧急补货48小时内到货",
    "return_terms": "质量问题及临期(剩余保质期不足1/3)产品可退换;非质量问题原则上不予退货",
    "breach_liability": "任何一方违约应赔偿对方因此造成的损失;"
    "乙方跨区域窜货或低价倾销的,甲方有权扣除当年返利并解除合同",
    "dispute_resolution": "双方协商解决;协商不成的,提交甲方所在地人民法院诉讼解决",
}
EXPENSE_TEXT = {
    "management": "经营管理辅导:库存与账务梳理",
    "sales_activity": "协同拜访及铺货活动",
    "advertising_pr": "区域户外广告投放",
    "promotion": "终端促销活动费用",
    "information": "市场信息及竞品调研",
    "training": "经销商业务员培训",
    "meeting": "经销商季度会议",
    "executive_visit": "公司领导走访慰问",
    "travel": "业务员差旅补贴",
    "other": "其他零星费用",
    "store_display": "季度陈列费(堆头、端架)",  # the quarterly fee; the rest are monthly
}
RETURN_REASON = {
    "return": "临期产品退回",
    "credit_note": "促销差价折让",
    "exchange": "运输破损换货",
    "packaging": "外箱受潮调换包装",
    "repair": "陈列冰柜维修",
}
INCIDENT_TEXT = {
    "theft": "仓库夜间被盗,损失饮料及副食约两百箱,已报警",
    "accident": "老板送货途中发生车祸,受伤住院",
    "family_split": "老板兄弟分家,经营权和仓库归属尚未确定",
    "serious_illness": "老板突发重病住院,店务由家属临时打理",
}
MINOR_INCIDENTS = [
    "门店装修暂停营业三天",
    "更换仓库管理员",
    "送货车辆年检停运一天",
    "招牌被大风吹损",
]
EVALUATION_COMMENT = {
    "A": "合作积极,回款及时,核心客户",
    "B": "经营稳定,可加强终端覆盖",
    "C": "配合度一般,需加强辅导",
    "D": "回款拖延,需重点关注",
}
SCHEDULES = ["上旬到货50%,中旬30%,下旬20%", "月初、月中各到货一半", "按周补货"]
SUPPORTS = [None, "堆头陈列费支持", "买十赠一促销", "新品试吃活动", "派驻导购一名"]


def pick(rng: np.random.Generator, items: list[str] | np.ndarray, n: int) -> np.ndarray:
    """n items drawn with replacement, as an object array."""
    return np.asarray(items, dtype=object)[rng.integers(0, len(items), n)]


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Chinese full names: a surname and one or two given characters."""
    given = pick(rng, GIVEN, n) + np.where(rng.random(n) < 0.6, pick(rng, GIVEN, n), "")
    return pick(rng, SURNAMES, n) + given


def phones(rng: np.random.Generator, n: int, start: int = 0) -> np.ndarray:
    """Mobile numbers, unique over start..start+n (the last 8 digits are a permutation)."""
    base = int(rng.integers(0, 10**8))
    tail = (base + (np.arange(n, dtype=np.int64) + start) * 7_368_787) % 10**8
    head = pd.Series(MOBILE[rng.integers(0, len(MOBILE), n)]).astype(str)
    return (head + pd.Series(tail).astype(str).str.zfill(8)).to_numpy(dtype=object)


def zihao(rng: np.random.Generator, n: int) -> np.ndarray:
    """Two-character trade names such as 鑫源 or 淼盛."""
    return pick(rng, ZIHAO_A, n) + pick(rng, ZIHAO_B, n)


def places(rng: np.random.Generator, city: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A district, street and full address for each city name."""
    n = len(city)
    district = np.empty(n, dtype=object)
    street = np.empty(n, dtype=object)
    prefix = np.empty(n, dtype=object)
    u = rng.random((n, 2))
    for name, (pre, _lat, _lng, districts) in CITIES.items():
        at = np.flatnonzero(city == name)
        keys = list(districts)
        d = (u[at, 0] * len(keys)).astype(int)
        district[at] = np.asarray(keys, dtype=object)[d]
        street[at] = [
            districts[keys[i]][int(v * len(districts[keys[i]]))]
            for i, v in zip(d, u[at, 1], strict=True)
        ]
        prefix[at] = pre
    number = pd.Series(rng.integers(1, 1800, n)).astype(str).to_numpy(dtype=object)
    return district, street, prefix + district + street + number + "号"


def scatter(
    rng: np.random.Generator, city: np.ndarray, sigma_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Positions around each city's centre, at most 3 sigma away (about 111 km per degree)."""
    lat0 = np.array([CITIES[c][1] for c in city])
    lng0 = np.array([CITIES[c][2] for c in city])
    sigma = np.where(city == "上海", 2 * sigma_km, sigma_km)
    dy, dx = (np.clip(rng.normal(0, 1, (2, len(city))), -3, 3) * sigma) / 111.0
    return np.round(lat0 + dy, 6), np.round(lng0 + dx / np.cos(np.radians(lat0)), 6)


def outlet_names(rng: np.random.Generator, city: np.ndarray, district: np.ndarray,
                 street: np.ndarray, tier: np.ndarray) -> np.ndarray:  # fmt: skip
    """Company names for dealers (1), sub-distributors (2) and stores (3)."""
    n = len(city)
    zh = zihao(rng, n)
    u = rng.random((n, 2))
    dealer = city + zh + pick(rng, DEALER_KINDS, n)
    sub = np.where(u[:, 0] < 0.5, city, district) + zh + pick(rng, SUB_KINDS, n)
    brand = np.where(u[:, 0] < 0.3, pick(rng, CHAINS, n), zh)
    store = np.where(u[:, 1] < 0.3, city, "") + brand + pick(rng, STORE_KINDS, n)
    store = store + np.where(u[:, 1] > 0.6, "(" + street + "店)", "")
    return np.where(tier == 1, dealer, np.where(tier == 2, sub, store))


def party(
    rng: np.random.Generator, name: str, address: str, phone: str, person: str, city: str
) -> dict[str, str]:
    """The dealer's side of a contract: names, bank, account and a unified social credit code."""
    digits = "".join(map(str, rng.integers(0, 10, 25)))
    code = "".join(rng.choice(list("0123456789ABCDEFGHJKLMNPQRTUWXY"), 8))
    bank = BANKS[int(rng.integers(len(BANKS)))]
    return {"name": name, "address": address, "phone": phone, "legal_rep": person,
            "signing_rep": person, "bank": f"{bank}{city}分行", "account": digits[:19],
            "tax_id": f"91{digits[19:]}MA{code}"}  # fmt: skip
