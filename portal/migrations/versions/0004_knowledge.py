"""knowledge: articles; assistant: anonymous tallies and open questions

Revision ID: 0004
Revises: 0003

"""
from alembic import op
import sqlalchemy as sa

import portal.core.models


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = ('knowledge',)
depends_on = None


def upgrade():
    op.create_table('knowledge_articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.String(length=20), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('body_markdown', sa.Text(), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('subthemes', sa.JSON(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('theme_path', sa.JSON(), nullable=False),
    sa.Column('source_name', sa.String(length=120), nullable=True),
    sa.Column('source_url', sa.String(length=500), nullable=True),
    sa.Column('modified', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('helped_yes', sa.Integer(), nullable=False),
    sa.Column('helped_no', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_articles')),
    sa.UniqueConstraint('sheet_id', name=op.f('uq_knowledge_articles_sheet_id'))
    )
    op.create_table('assistant_tallies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_tallies')),
    sa.UniqueConstraint('day', 'name', name=op.f('uq_assistant_tallies_day_name'))
    )
    op.create_table('assistant_open_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('themes', sa.String(length=200), nullable=False),
    sa.Column('unanswered', sa.Integer(), nullable=False),
    sa.Column('unhelpful', sa.Integer(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('first_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_at', portal.core.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_open_questions')),
    sa.UniqueConstraint('key', name=op.f('uq_assistant_open_questions_key'))
    )


def downgrade():
    op.drop_table('assistant_open_questions')
    op.drop_table('assistant_tallies')
    op.drop_table('knowledge_articles')
