"""The migrations are the only way the schema is made: they must match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from portal.extensions import db


def test_models_and_migrations_agree(app, database):
    context = MigrationContext.configure(db.session.connection())
    differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_constraint_names_follow_the_naming_convention(app, database):
    inspector = db.inspect(db.session.connection())
    assert inspector.get_pk_constraint("users")["name"] == "pk_users"
    assert {u["name"] for u in inspector.get_unique_constraints("users")} >= {
        "uq_users_email", "uq_users_pseudonym_key"}
