"""forum: index (category_id, updated_at) of topics, for the category page's version

Revision ID: 0008
Revises: 0007

"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_forum_topics_category_updated', 'forum_topics',
                    ['category_id', 'updated_at'])


def downgrade():
    op.drop_index('ix_forum_topics_category_updated', table_name='forum_topics')
