"""A small, hand-made workbook (as frames) that exercises every sheet."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def small_frames() -> dict[str, pd.DataFrame]:
    """Two areas, a rep, a dealer with a sub-distributor and a store, and a few records each."""
    d = dt.date
    return {
        "areas": pd.DataFrame(
            [
                {"code": "HD", "name": "华东大区", "parent_code": None},
                {"code": "SH", "name": "上海区", "parent_code": "HD"},
            ]
        ),
        "users": pd.DataFrame(
            [
                {"email": "boss@example.cn", "full_name": "王总", "role": "manager"},
                {"email": "rep1@example.cn", "full_name": "李明", "role": "rep", "area_code": "SH"},
                {
                    "email": "dealer1@example.cn",
                    "full_name": "赵鑫",
                    "role": "dealer",
                    "customer_code": "D001",
                },
            ]
        ),
        "products": pd.DataFrame(
            [
                {
                    "sku": "P01",
                    "name": "冰红茶",
                    "brand": "清泉",
                    "spec": "500ml×15瓶",
                    "unit_price": 36.0,
                },
                {
                    "sku": "P02",
                    "name": "苏打饼干",
                    "brand": "麦香",
                    "spec": "400g×12袋",
                    "unit_price": 58.5,
                },
            ]
        ),
        "customers": pd.DataFrame(
            [
                {
                    "code": "D001",
                    "name": "上海鑫源副食品批发部",
                    "tier": 1,
                    "owner_email": "rep1@example.cn",
                    "area_code": "SH",
                    "lat": 31.23,
                    "lng": 121.47,
                    "phone": "13800000001",
                    "credit_limit": 100000,
                    "hot_brands": "康师傅、统一",
                },
                {
                    "code": "S001",
                    "name": "浦东二批商行",
                    "tier": 2,
                    "parent_code": "D001",
                    "owner_email": "rep1@example.cn",
                    "area_code": "SH",
                    "lat": 31.22,
                    "lng": 121.54,
                },
                {
                    "code": "R001",
                    "name": "张杨路便利店",
                    "tier": 3,
                    "parent_code": "S001",
                    "owner_email": "rep1@example.cn",
                    "area_code": "SH",
                },
            ]
        ),
        "contracts": pd.DataFrame(
            [
                {
                    "contract_no": "HT-2026-001",
                    "customer_code": "D001",
                    "status": "effective",
                    "signed_on": d(2026, 1, 5),
                    "term_start": d(2026, 1, 1),
                    "term_end": d(2026, 12, 31),
                    "rights_level": "general",
                    "party_a_name": "华东食品有限公司",
                    "party_b_name": "上海鑫源副食品批发部",
                }
            ]
        ),
        "contract_lines": pd.DataFrame(
            [
                {
                    "contract_no": "HT-2026-001",
                    "line_no": 1,
                    "sku": "P01",
                    "quantity": 1000,
                    "unit_price": 35,
                }
            ]
        ),
        "plans": pd.DataFrame(
            [
                {
                    "customer_code": "D001",
                    "sku": "P01",
                    "month": d(2026, 1, 1),
                    "quantity": 100,
                    "amount": 3600,
                }
            ]
        ),
        "shipments": pd.DataFrame(
            [
                {
                    "doc_no": "SO-1",
                    "line_no": 1,
                    "customer_code": "D001",
                    "sku": "P01",
                    "shipped_on": d(2026, 1, 10),
                    "quantity": 50,
                    "unit_price": 36,
                },
                {
                    "doc_no": "SO-2",
                    "line_no": 1,
                    "customer_code": "S001",
                    "seller_code": "D001",
                    "sku": "P02",
                    "shipped_on": d(2026, 1, 12),
                    "quantity": 5,
                    "unit_price": 60,
                    "amount": 300,
                },
            ]
        ),
        "payments": pd.DataFrame(
            [
                {
                    "reference": "PAY-1",
                    "customer_code": "D001",
                    "paid_on": d(2026, 1, 20),
                    "amount": 1000,
                }
            ]
        ),
        "returns": pd.DataFrame(
            [
                {
                    "reference": "RT-1",
                    "customer_code": "D001",
                    "sku": "P01",
                    "kind": "return",
                    "quantity": 2,
                    "amount": 72,
                    "status": "accepted",
                    "requested_on": d(2026, 1, 15),
                    "decided_on": d(2026, 1, 16),
                }
            ]
        ),
        "expenses": pd.DataFrame(
            [
                {
                    "reference": "EX-1",
                    "customer_code": "D001",
                    "spent_on": d(2026, 1, 8),
                    "category": "promotion",
                    "amount": 800,
                }
            ]
        ),
        "budgets": pd.DataFrame(
            [
                {
                    "customer_code": "D001",
                    "period_start": d(2026, 1, 1),
                    "period_end": d(2026, 3, 31),
                    "amount": 5000,
                }
            ]
        ),
        "incidents": pd.DataFrame(
            [
                {
                    "customer_code": "D001",
                    "occurred_on": d(2026, 2, 1),
                    "kind": "theft",
                    "description": "仓库被盗",
                    "reporter_email": "rep1@example.cn",
                }
            ]
        ),
        "evaluations": pd.DataFrame(
            [
                {
                    "customer_code": "D001",
                    "evaluated_on": d(2026, 1, 31),
                    **{
                        k: 4
                        for k in [
                            "enthusiasm",
                            "flexibility",
                            "distribution_capacity",
                            "capital_strength",
                            "hot_brands",
                            "logistics",
                            "credit",
                            "social_relations",
                            "sales_management",
                            "network",
                            "promotion_ability",
                            "after_sales",
                            "relationship",
                        ]
                    },
                }
            ]
        ),
    }
