"""observatory: anonymous events, daily facts, snapshots, calendar, export log, evaluators

Revision ID: 18a_observatory
Revises: 0001

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '18a_observatory'
down_revision = '0001'
branch_labels = ('observatory',)
depends_on = None

def _codes():
    return [
        sa.Column('theme', sa.String(length=40), nullable=True),
        sa.Column('subtheme', sa.String(length=60), nullable=True),
        sa.Column('commune', sa.String(length=12), nullable=True),
    ]


def upgrade():
    op.create_table(
        'observatory_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        *_codes(),
        sa.Column('age_range', sa.String(length=8), nullable=True),
        sa.Column('channel', sa.String(length=20), nullable=True),
        sa.Column('flag', sa.Boolean(), nullable=True),
        sa.Column('value', sa.Float(), nullable=True),
        sa.Column('journey', sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_events')),
    )
    op.create_index('ix_observatory_events_day_kind', 'observatory_events', ['day', 'kind'])
    op.create_table(
        'observatory_facts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        *_codes(),
        sa.Column('department', sa.String(length=8), nullable=True),
        sa.Column('age_range', sa.String(length=8), nullable=True),
        sa.Column('channel', sa.String(length=20), nullable=True),
        sa.Column('flag', sa.Boolean(), nullable=True),
        sa.Column('bucket', sa.Integer(), nullable=True),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('value_sum', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_facts')),
    )
    op.create_index('ix_observatory_facts_kind_day', 'observatory_facts', ['kind', 'day'])
    op.create_table(
        'observatory_days',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('aggregated_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_observatory_days')),
    )
    op.create_table(
        'observatory_snapshots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator', sa.String(length=60), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('breakdown', sa.String(length=20), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_snapshots')),
        sa.UniqueConstraint('indicator', 'month', 'breakdown', 'version', name='uq_observatory_snapshots_key'),
    )
    op.create_table(
        'observatory_calendar',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('end_day', sa.Date(), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('label', sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_calendar')),
    )
    op.create_table(
        'observatory_exports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('what', sa.String(length=120), nullable=False),
        sa.Column('format', sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_observatory_exports_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_exports')),
    )
    op.create_table(
        'observatory_evaluators',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('granted_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_observatory_evaluators_user_id_users')),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_observatory_evaluators')),
    )
    op.create_table(
        'observatory_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('retention_months', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_observatory_settings')),
    )


def downgrade():
    for table in ('observatory_settings', 'observatory_evaluators', 'observatory_exports', 'observatory_calendar',
                  'observatory_snapshots', 'observatory_days', 'observatory_facts', 'observatory_events'):
        op.drop_table(table)
