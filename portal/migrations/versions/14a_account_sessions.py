"""accounts: server-side sessions and their open sockets (revocable at once)

Revision ID: 14a_account_sessions
Revises: 21a_recovery_codes

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '14a_account_sessions'
down_revision = '21a_recovery_codes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'account_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_account_sessions_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_sessions')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_account_sessions_key_hash')),
    )
    op.create_index(op.f('ix_account_sessions_user_id'), 'account_sessions', ['user_id'])
    op.create_table(
        'account_sockets',
        sa.Column('sid', sa.String(length=64), nullable=False),
        sa.Column('namespace', sa.String(length=40), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('connected_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['account_sessions.id'], ondelete='CASCADE',
                                name=op.f('fk_account_sockets_session_id_account_sessions')),
        sa.PrimaryKeyConstraint('sid', 'namespace', name=op.f('pk_account_sockets')),
    )
    op.create_index(op.f('ix_account_sockets_session_id'), 'account_sockets', ['session_id'])


def downgrade():
    op.drop_index(op.f('ix_account_sockets_session_id'), table_name='account_sockets')
    op.drop_table('account_sockets')
    op.drop_index(op.f('ix_account_sessions_user_id'), table_name='account_sessions')
    op.drop_table('account_sessions')
