"""The dealer's own app (经销商): its account, deliveries, orders and service requests."""
