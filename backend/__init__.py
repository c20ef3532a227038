"""Service side of FieldSales: database, migrations, import/export, demo data and the CLI."""
