"""Contracts (合同): a dealer's contracts and one contract."""
