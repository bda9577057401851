"""booking: appointment types, availability, appointments, calendar feeds

The guard against double booking lives here, per backend:
- PostgreSQL: an exclusion constraint (needs btree_gist for ``person_id WITH =``);
- SQLite: triggers aborting any insert or update that would overlap.

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-22 12:30:00

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0003'
branch_labels = ('booking',)
depends_on = None

NO_OVERLAP = 'ex_booking_appointments_no_overlap'

# SQLite: abort when a live appointment of the same person overlaps. Datetimes
# are stored as fixed-width UTC text, so text comparison is time comparison.
SQLITE_GUARD = """
CREATE TRIGGER {name} BEFORE {event} ON booking_appointments
FOR EACH ROW WHEN NEW.status <> 'cancelled' AND EXISTS (
    SELECT 1 FROM booking_appointments AS other
    WHERE other.person_id = NEW.person_id
      AND other.id IS NOT NEW.id
      AND other.status <> 'cancelled'
      AND other.blocked_from < NEW.blocked_until
      AND other.blocked_until > NEW.blocked_from)
BEGIN
    SELECT RAISE(ABORT, '{message}');
END
"""


def _status():
    return sa.Enum('booked', 'cancelled', 'done', 'missed', name='booking_status',
                   native_enum=False, create_constraint=True, length=20)


def _mode():
    return sa.Enum('structure', 'phone', 'video', name='booking_mode', native_enum=False,
                   create_constraint=True, length=20)


def _timestamps():
    return [sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
            sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False)]


def _person_fk(table):
    return sa.ForeignKeyConstraint(['person_id'], ['directory_persons.id'],
                                   name=op.f(f'fk_{table}_person_id_directory_persons'),
                                   ondelete='CASCADE')


def upgrade():
    op.create_table('booking_calendars',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('feed_token', sa.String(length=64), nullable=True),
    *_timestamps(),
    _person_fk('booking_calendars'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_booking_calendars')),
    sa.UniqueConstraint('feed_token', name=op.f('uq_booking_calendars_feed_token'))
    )
    op.create_table('booking_appointment_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('mode', _mode(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('min_notice_minutes', sa.Integer(), nullable=False),
    sa.Column('window_days', sa.Integer(), nullable=False),
    sa.Column('buffer_before_minutes', sa.Integer(), nullable=False),
    sa.Column('buffer_after_minutes', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    *_timestamps(),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_booking_appointment_types_duration_positive')),
    sa.CheckConstraint('buffer_before_minutes >= 0 AND buffer_after_minutes >= 0', name=op.f('ck_booking_appointment_types_buffers_not_negative')),
    _person_fk('booking_appointment_types'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_appointment_types'))
    )
    op.create_index(op.f('ix_booking_appointment_types_person_id'), 'booking_appointment_types', ['person_id'], unique=False)

    op.create_table('booking_weekly_ranges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_booking_weekly_ranges_weekday')),
    sa.CheckConstraint('start_time < end_time', name=op.f('ck_booking_weekly_ranges_ordered')),
    _person_fk('booking_weekly_ranges'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_weekly_ranges'))
    )
    op.create_index(op.f('ix_booking_weekly_ranges_person_id'), 'booking_weekly_ranges', ['person_id'], unique=False)

    op.create_table('booking_exceptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('closed', 'open', name='booking_exception_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint('starts_on <= ends_on', name=op.f('ck_booking_exceptions_ordered')),
    _person_fk('booking_exceptions'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_exceptions'))
    )
    op.create_index(op.f('ix_booking_exceptions_person_id'), 'booking_exceptions', ['person_id'], unique=False)

    op.create_table('booking_appointments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('blocked_from', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('blocked_until', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', _status(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('mode', _mode(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('under_15', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('young_user_id', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by', sa.String(length=20), nullable=True),
    sa.Column('outcome_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('remind_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminder_claimed_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminder_sent_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    *_timestamps(),
    sa.CheckConstraint('starts_at < ends_at', name=op.f('ck_booking_appointments_ordered')),
    sa.CheckConstraint('blocked_from <= starts_at AND ends_at <= blocked_until', name=op.f('ck_booking_appointments_blocked')),
    _person_fk('booking_appointments'),
    sa.ForeignKeyConstraint(['type_id'], ['booking_appointment_types.id'], name=op.f('fk_booking_appointments_type_id_booking_appointment_types'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['young_user_id'], ['users.id'], name=op.f('fk_booking_appointments_young_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_appointments')),
    sa.UniqueConstraint('uid', name=op.f('uq_booking_appointments_uid'))
    )
    op.create_index('ix_booking_appointments_person_blocked', 'booking_appointments', ['person_id', 'blocked_from'], unique=False)
    op.create_index('ix_booking_appointments_status_remind_at', 'booking_appointments', ['status', 'remind_at'], unique=False)
    op.create_index(op.f('ix_booking_appointments_young_user_id'), 'booking_appointments', ['young_user_id'], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute(
            f'ALTER TABLE booking_appointments ADD CONSTRAINT {NO_OVERLAP} '
            "EXCLUDE USING gist (person_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&) "
            "WHERE (status <> 'cancelled')")
    elif dialect == 'sqlite':
        for suffix, event in (('insert', 'INSERT'),
                              ('update', 'UPDATE OF person_id, status, blocked_from, blocked_until')):
            op.execute(SQLITE_GUARD.format(name=f'{NO_OVERLAP}_{suffix}', event=event,
                                           message=NO_OVERLAP))


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute(f'DROP TRIGGER IF EXISTS {NO_OVERLAP}_insert')
        op.execute(f'DROP TRIGGER IF EXISTS {NO_OVERLAP}_update')
    op.drop_index(op.f('ix_booking_appointments_young_user_id'), table_name='booking_appointments')
    op.drop_index('ix_booking_appointments_status_remind_at', table_name='booking_appointments')
    op.drop_index('ix_booking_appointments_person_blocked', table_name='booking_appointments')
    op.drop_table('booking_appointments')
    op.drop_index(op.f('ix_booking_exceptions_person_id'), table_name='booking_exceptions')
    op.drop_table('booking_exceptions')
    op.drop_index(op.f('ix_booking_weekly_ranges_person_id'), table_name='booking_weekly_ranges')
    op.drop_table('booking_weekly_ranges')
    op.drop_index(op.f('ix_booking_appointment_types_person_id'), table_name='booking_appointment_types')
    op.drop_table('booking_appointment_types')
    op.drop_table('booking_calendars')
