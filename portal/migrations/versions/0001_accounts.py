"""accounts

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 11:26:40.676184

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=40), nullable=False),
    sa.Column('pseudonym_key', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_verified_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('young', 'professional', 'moderator', 'editor', 'admin', 'facilitator', name='role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('age_range', sa.Enum('13-14', '15-17', '18-25', '26-30', name='age_range', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('full_name', sa.String(length=120), nullable=True),
    sa.Column('job_title', sa.String(length=120), nullable=True),
    sa.Column('structure_name', sa.String(length=200), nullable=True),
    sa.Column('professional_status', sa.Enum('pending', 'verified', 'rejected', name='professional_status', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('verified_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('is_active_account', sa.Boolean(), nullable=False),
    sa.Column('suspended_until', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_users_verified_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email')),
    sa.UniqueConstraint('pseudonym_key', name=op.f('uq_users_pseudonym_key'))
    )



def downgrade():
    
    op.drop_table('users')

