"""accounts: the shape of each pseudonym (TR39 skeleton), for look-alikes

Revision ID: 14a_pseudonym_skeletons
Revises: 14a_account_sessions

"""
import sqlalchemy as sa
from alembic import op

from portal.accounts.names import skeleton

revision = '14a_pseudonym_skeletons'
down_revision = '14a_account_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('pseudonym_skeleton', sa.String(length=80), nullable=True))
        batch.create_index(batch.f('ix_users_pseudonym_skeleton'), ['pseudonym_skeleton'])
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('pseudonym', sa.String),
                     sa.column('pseudonym_skeleton', sa.String))
    connection = op.get_bind()
    for user_id, pseudonym in connection.execute(sa.select(users.c.id, users.c.pseudonym)).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(pseudonym_skeleton=skeleton(pseudonym)))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_index(batch.f('ix_users_pseudonym_skeleton'))
        batch.drop_column('pseudonym_skeleton')
