"""notifications: contacts, subscriptions, consent record, deliveries

Revision ID: 0019_notifications
Revises: 0001

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '0019_notifications'
down_revision = '0001'
branch_labels = ('notifications',)
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade():
    op.create_table(
        'notification_contacts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', _enum('notification_channel', 'email', 'sms', 'push'), nullable=False),
        sa.Column('address', sa.String(length=512), nullable=False),
        sa.Column('push_keys', sa.JSON(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('locale', sa.String(length=5), nullable=False),
        sa.Column('under_15', sa.Boolean(), nullable=False),
        sa.Column('territory_code', sa.String(length=20), nullable=True),
        sa.Column('frequency', _enum('notification_frequency', 'instant', 'daily', 'weekly'),
                  nullable=False),
        sa.Column('quiet_from', sa.Integer(), nullable=True),
        sa.Column('quiet_until', sa.Integer(), nullable=True),
        sa.Column('paused_until', UTCDateTime(timezone=True), nullable=True),
        sa.Column('confirmed_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('code_hash', sa.String(length=64), nullable=True),
        sa.Column('code_sent_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('code_attempts', sa.Integer(), nullable=False),
        sa.Column('disabled_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('disabled_reason', sa.String(length=40), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_notification_contacts_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_contacts')),
        sa.UniqueConstraint('channel', 'address', name='uq_notification_contacts_address'),
    )
    op.create_index(op.f('ix_notification_contacts_user_id'), 'notification_contacts',
                    ['user_id'])
    op.create_table(
        'notification_subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=80), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['contact_id'], ['notification_contacts.id'], ondelete='CASCADE',
                                name=op.f('fk_notification_subscriptions_contact_id_notification_contacts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_subscriptions')),
        sa.UniqueConstraint('contact_id', 'topic', name='uq_notification_subscriptions_topic'),
    )
    op.create_index(op.f('ix_notification_subscriptions_contact_id'),
                    'notification_subscriptions', ['contact_id'])
    op.create_table(
        'notification_consents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('action', sa.String(length=30), nullable=False),
        sa.Column('how', sa.String(length=30), nullable=False),
        sa.Column('wording_version', sa.String(length=20), nullable=False),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['contact_id'], ['notification_contacts.id'], ondelete='CASCADE',
                                name=op.f('fk_notification_consents_contact_id_notification_contacts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_consents')),
    )
    op.create_index(op.f('ix_notification_consents_contact_id'), 'notification_consents',
                    ['contact_id'])
    op.create_table(
        'notification_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('channel', _enum('notification_delivery_channel', 'email', 'sms', 'push'),
                  nullable=False),
        sa.Column('address', sa.String(length=512), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('transactional', sa.Boolean(), nullable=False),
        sa.Column('status', _enum('notification_delivery_status', 'pending', 'sent', 'suppressed',
                                  'failed'), nullable=False),
        sa.Column('not_before', UTCDateTime(timezone=True), nullable=False),
        sa.Column('claim', sa.String(length=32), nullable=True),
        sa.Column('claimed_until', UTCDateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('content', sa.JSON(), nullable=True),
        sa.Column('segments', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=40), nullable=True),
        sa.Column('provider_ref', sa.String(length=120), nullable=True),
        sa.Column('error', sa.String(length=300), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('sent_at', UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['contact_id'], ['notification_contacts.id'], ondelete='SET NULL',
                                name=op.f('fk_notification_deliveries_contact_id_notification_contacts')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL',
                                name=op.f('fk_notification_deliveries_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_deliveries')),
        sa.UniqueConstraint('key', name=op.f('uq_notification_deliveries_key')),
    )
    op.create_index(op.f('ix_notification_deliveries_contact_id'), 'notification_deliveries',
                    ['contact_id'])
    op.create_index(op.f('ix_notification_deliveries_sent_at'), 'notification_deliveries',
                    ['sent_at'])
    op.create_index('ix_notification_deliveries_due', 'notification_deliveries',
                    ['status', 'not_before'])


def downgrade():
    op.drop_table('notification_deliveries')
    op.drop_table('notification_consents')
    op.drop_table('notification_subscriptions')
    op.drop_table('notification_contacts')
