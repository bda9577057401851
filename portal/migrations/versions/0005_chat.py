"""chat: conversations, messages, notes, canned answers, presence, blocks, indicators

Revision ID: 0005
Revises: 0003

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0003'
branch_labels = ('chat',)
depends_on = None


def upgrade():
    op.create_table('chat_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_settings'))
    )
    op.create_table('chat_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('ip_hash', sa.String(length=64), nullable=True),
    sa.Column('blocked_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ip_blocked_until', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['blocked_by_id'], ['users.id'], name=op.f('fk_chat_blocks_blocked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_blocks'))
    )
    with op.batch_alter_table('chat_blocks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_blocks_ip_hash'), ['ip_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_blocks_token_hash'), ['token_hash'], unique=False)

    op.create_table('chat_canned_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_chat_canned_answers_owner_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_canned_answers'))
    )
    with op.batch_alter_table('chat_canned_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_canned_answers_owner_user_id'), ['owner_user_id'], unique=False)

    op.create_table('chat_conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'active', 'closed', name='chat_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('commune_insee', sa.String(length=12), nullable=True),
    sa.Column('commune_name', sa.String(length=120), nullable=True),
    sa.Column('department', sa.String(length=6), nullable=True),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('age_range', sa.String(length=10), nullable=True),
    sa.Column('pseudonym', sa.String(length=40), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('ip_hash', sa.String(length=64), nullable=True),
    sa.Column('structure_id', sa.Integer(), nullable=True),
    sa.Column('assigned_user_id', sa.Integer(), nullable=True),
    sa.Column('handled_by_structure_id', sa.Integer(), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('left_offline', sa.Boolean(), nullable=False),
    sa.Column('visitor_email', sa.String(length=254), nullable=True),
    sa.Column('emailed_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('widened_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_message', sa.String(length=280), nullable=False),
    sa.Column('taken_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_answer_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=20), nullable=True),
    sa.Column('blocked_at', portal.core.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rating_word', sa.String(length=80), nullable=True),
    sa.Column('visitor_read_id', sa.Integer(), nullable=False),
    sa.Column('professional_read_id', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_user_id'], ['users.id'], name=op.f('fk_chat_conversations_assigned_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['handled_by_structure_id'], ['directory_structures.id'], name=op.f('fk_chat_conversations_handled_by_structure_id_directory_structures'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['structure_id'], ['directory_structures.id'], name=op.f('fk_chat_conversations_structure_id_directory_structures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_conversations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_chat_conversations_token_hash'))
    )
    with op.batch_alter_table('chat_conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_conversations_assigned_user_id'), ['assigned_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_conversations_handled_by_structure_id'), ['handled_by_structure_id'], unique=False)
        batch_op.create_index('ix_chat_conversations_status_created', ['status', 'created_at'], unique=False)

    op.create_table('chat_presence',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('radius_km', sa.Integer(), nullable=True),
    sa.Column('last_seen_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_chat_presence_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_chat_presence'))
    )
    op.create_table('chat_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('department', sa.String(length=6), nullable=True),
    sa.Column('commune_insee', sa.String(length=12), nullable=True),
    sa.Column('age_range', sa.String(length=10), nullable=True),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('waiting_s', sa.Integer(), nullable=True),
    sa.Column('answer_s', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['chat_conversations.id'], name=op.f('fk_chat_indicators_conversation_id_chat_conversations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_indicators')),
    sa.UniqueConstraint('conversation_id', name=op.f('uq_chat_indicators_conversation_id'))
    )
    with op.batch_alter_table('chat_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_indicators_month'), ['month'], unique=False)

    op.create_table('chat_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.Enum('visitor', 'professional', 'system', name='chat_author', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=120), nullable=True),
    sa.Column('client_msg_id', sa.String(length=64), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_chat_messages_author_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conversation_id'], ['chat_conversations.id'], name=op.f('fk_chat_messages_conversation_id_chat_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_messages')),
    sa.UniqueConstraint('conversation_id', 'author', 'client_msg_id', name='uq_chat_messages_client_msg')
    )
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.create_index('ix_chat_messages_conversation_id_id', ['conversation_id', 'id'], unique=False)

    op.create_table('chat_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('author_user_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_chat_notes_author_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conversation_id'], ['chat_conversations.id'], name=op.f('fk_chat_notes_conversation_id_chat_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_notes'))
    )
    with op.batch_alter_table('chat_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_notes_conversation_id'), ['conversation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('chat_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_notes_conversation_id'))

    op.drop_table('chat_notes')
    with op.batch_alter_table('chat_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_chat_messages_conversation_id_id')

    op.drop_table('chat_messages')
    with op.batch_alter_table('chat_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_indicators_month'))

    op.drop_table('chat_indicators')
    op.drop_table('chat_presence')
    with op.batch_alter_table('chat_conversations', schema=None) as batch_op:
        batch_op.drop_index('ix_chat_conversations_status_created')
        batch_op.drop_index(batch_op.f('ix_chat_conversations_handled_by_structure_id'))
        batch_op.drop_index(batch_op.f('ix_chat_conversations_assigned_user_id'))

    op.drop_table('chat_conversations')
    with op.batch_alter_table('chat_canned_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_canned_answers_owner_user_id'))

    op.drop_table('chat_canned_answers')
    with op.batch_alter_table('chat_blocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_blocks_token_hash'))
        batch_op.drop_index(batch_op.f('ix_chat_blocks_ip_hash'))

    op.drop_table('chat_blocks')
    op.drop_table('chat_settings')
