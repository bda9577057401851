"""accounts: recovery codes for accounts without e-mail

Revision ID: 21a_recovery_codes
Revises: 0001

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '21a_recovery_codes'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'account_recovery_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('used_at', UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_account_recovery_codes_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_recovery_codes')),
    )
    op.create_index(op.f('ix_account_recovery_codes_user_id'), 'account_recovery_codes',
                    ['user_id'])


def downgrade():
    op.drop_index(op.f('ix_account_recovery_codes_user_id'), table_name='account_recovery_codes')
    op.drop_table('account_recovery_codes')
