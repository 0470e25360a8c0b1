"""The database: sqlmodel tables, alembic migrations, and the queries every stage uses."""
