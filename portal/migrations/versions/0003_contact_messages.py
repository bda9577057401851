"""contact messages

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 11:41:44.252379

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('directory_contact_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('sender_name', sa.String(length=80), nullable=False),
    sa.Column('sender_email', sa.String(length=254), nullable=False),
    sa.Column('share_email', sa.Boolean(), nullable=False),
    sa.Column('wants_copy', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('replied_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['directory_persons.id'], name=op.f('fk_directory_contact_messages_person_id_directory_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_contact_messages'))
    )
    with op.batch_alter_table('directory_contact_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_directory_contact_messages_person_id'), ['person_id'], unique=False)




def downgrade():

    with op.batch_alter_table('directory_contact_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_directory_contact_messages_person_id'))

    op.drop_table('directory_contact_messages')

