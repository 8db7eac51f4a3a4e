"""Alembic migrations of the sitrep database (run through `sitrep db upgrade`)."""
