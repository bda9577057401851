"""forum: posts held because they sound like distress (held reason 'distress')

Revision ID: 12a_forum_held_distress
Revises: 0008

"""
from alembic import op
import sqlalchemy as sa

revision = '12a_forum_held_distress'
down_revision = '0008'
branch_labels = None
depends_on = None

OLD = ('first_posts', 'personal_data', 'banned_words', 'flags', 'moderator')
NEW = OLD + ('distress',)
#: The name the naming convention gave the enum's CHECK in 0007 (op.f: as it is).
CHECK = 'ck_forum_posts_forum_held_reason'


def _swap(values):
    # Batch: SQLite changes a CHECK by copying the table; PostgreSQL alters it in place.
    with op.batch_alter_table('forum_posts') as batch:
        batch.drop_constraint(op.f(CHECK), type_='check')
        batch.create_check_constraint(op.f(CHECK), sa.column('held_reason').in_(values))


def upgrade():
    _swap(NEW)


def downgrade():
    op.execute("UPDATE forum_posts SET held_reason = 'moderator' WHERE held_reason = 'distress'")
    _swap(OLD)
