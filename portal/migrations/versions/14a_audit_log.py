"""accounts: the audit log of staff actions

Revision ID: 14a_audit_log
Revises: 14a_pseudonym_skeletons

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '14a_audit_log'
down_revision = '14a_pseudonym_skeletons'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor_name', sa.String(length=40), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('target_id', sa.Integer(), nullable=True),
        sa.Column('target_name', sa.String(length=40), nullable=True),
        sa.Column('detail', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_audit_log_actor_id_users')),
        sa.ForeignKeyConstraint(['target_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_audit_log_target_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    )
    op.create_index(op.f('ix_audit_log_created_at'), 'audit_log', ['created_at'])
    op.create_index(op.f('ix_audit_log_target_id'), 'audit_log', ['target_id'])


def downgrade():
    op.drop_index(op.f('ix_audit_log_target_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_created_at'), table_name='audit_log')
    op.drop_table('audit_log')
