"""directory and search outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 11:40:02.824626

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('directory_structures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=140), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('mission-locale', 'cio', 'pij', 'crij', 'caf', 'france-travail', 'maison-des-ados', 'fjt', 'sante', 'service-social', 'association', 'collectivite', 'infor-jeunes', 'amo', 'cpas', 'autre', name='structure_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('commune_insee', sa.String(length=12), nullable=False),
    sa.Column('commune_name', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('opening_hours', sa.String(length=500), nullable=True),
    sa.Column('accessibility', sa.Text(), nullable=False),
    sa.Column('wheelchair', sa.Boolean(), nullable=True),
    sa.Column('status', sa.Enum('published', 'pending', 'archived', name='entry_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('last_checked_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stale_notified_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_structures'))
    )
    with op.batch_alter_table('directory_structures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_structures_commune_insee'), ['commune_insee'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_structures_slug'), ['slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_structures_status'), ['status'], unique=False)

    op.create_table('search_outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('doc_type', sa.String(length=20), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_outbox_created_at'), ['created_at'], unique=False)

    op.create_table('directory_pending_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_directory_pending_changes_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_directory_pending_changes_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_pending_changes'))
    )
    op.create_table('directory_persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('structure_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('can_edit_structure', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('published', 'pending', 'archived', name='entry_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('last_checked_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stale_notified_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['structure_id'], ['directory_structures.id'], name=op.f('fk_directory_persons_structure_id_directory_structures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_directory_persons_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_persons')),
    sa.UniqueConstraint('user_id', name=op.f('uq_directory_persons_user_id'))
    )
    with op.batch_alter_table('directory_persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_persons_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_directory_persons_structure_id'), ['structure_id'], unique=False)

    op.create_table('directory_services',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('structure_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('free_of_charge', sa.Boolean(), nullable=False),
    sa.Column('by_appointment', sa.Boolean(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['structure_id'], ['directory_structures.id'], name=op.f('fk_directory_services_structure_id_directory_structures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_services'))
    )
    with op.batch_alter_table('directory_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_services_structure_id'), ['structure_id'], unique=False)




def downgrade():

    with op.batch_alter_table('directory_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_services_structure_id'))

    op.drop_table('directory_services')
    with op.batch_alter_table('directory_persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_persons_structure_id'))
        batch_op.drop_index(batch_op.f('ix_directory_persons_status'))

    op.drop_table('directory_persons')
    op.drop_table('directory_pending_changes')
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_outbox_created_at'))

    op.drop_table('search_outbox')
    with op.batch_alter_table('directory_structures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_structures_status'))
        batch_op.drop_index(batch_op.f('ix_directory_structures_slug'))
        batch_op.drop_index(batch_op.f('ix_directory_structures_commune_insee'))

    op.drop_table('directory_structures')

