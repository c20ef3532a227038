"""销售通 FieldSales: the Flet client app (kept free of server-only dependencies)."""

__version__ = "0.1.0"
