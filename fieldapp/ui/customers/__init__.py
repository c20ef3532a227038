"""Customers (客户): the list and its filters, a customer's card, a new outlet."""
