"""territories: local forum categories

Revision ID: 15b_territory_forum
Revises: 15a_territories

"""
import sqlalchemy as sa
from alembic import op

revision = '15b_territory_forum'
down_revision = '15a_territories'
branch_labels = None
depends_on = ('0007',)  # forum_categories


def upgrade():
    op.create_table(
        'territory_forum_categories',
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('territory_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['category_id'], ['forum_categories.id'], ondelete='CASCADE',
                                name='fk_terr_forum_category'),
        sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='CASCADE',
                                name='fk_terr_forum_territory'),
        sa.PrimaryKeyConstraint('category_id', name=op.f('pk_territory_forum_categories')),
    )
    op.create_index(op.f('ix_territory_forum_categories_territory_id'),
                    'territory_forum_categories', ['territory_id'])


def downgrade():
    op.drop_index(op.f('ix_territory_forum_categories_territory_id'),
                  table_name='territory_forum_categories')
    op.drop_table('territory_forum_categories')
