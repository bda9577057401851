"""territories: territories and their communes, role scopes, structures'
owner territory and served communes

Revision ID: 15a_territories
Revises: 0003

"""
import sqlalchemy as sa
from alembic import op

from portal.core.models import UTCDateTime

revision = '15a_territories'
down_revision = '0003'
branch_labels = ('territories',)
depends_on = None


def upgrade():
    op.create_table(
        'territories',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=60), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('sources', sa.JSON(), nullable=False),
        sa.Column('hosts', sa.JSON(), nullable=False),
        sa.Column('controller_name', sa.String(length=200), nullable=False),
        sa.Column('legal_notice_url', sa.String(length=300), nullable=False),
        sa.Column('contact_email', sa.String(length=254), nullable=False),
        sa.Column('contact_phone', sa.String(length=30), nullable=False),
        sa.Column('sender_name', sa.String(length=80), nullable=False),
        sa.Column('sender_email', sa.String(length=254), nullable=False),
        sa.Column('sms_sender', sa.String(length=11), nullable=False),
        sa.Column('logo_url', sa.String(length=300), nullable=False),
        sa.Column('accent_colour', sa.String(length=7), nullable=False),
        sa.Column('map_lat', sa.Float(), nullable=False),
        sa.Column('map_lon', sa.Float(), nullable=False),
        sa.Column('map_radius_km', sa.Float(), nullable=False),
        sa.Column('chat_hours', sa.String(length=200), nullable=False),
        sa.Column('chat_retention_days', sa.Integer(), nullable=False),
        sa.Column('contact_retention_days', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_territories')),
        sa.UniqueConstraint('slug', name=op.f('uq_territories_slug')),
    )
    op.create_table(
        'territory_communes',
        sa.Column('territory_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='CASCADE',
                                name=op.f('fk_territory_communes_territory_id_territories')),
        sa.PrimaryKeyConstraint('territory_id', 'code', name=op.f('pk_territory_communes')),
    )
    op.create_index(op.f('ix_territory_communes_code'), 'territory_communes', ['code'])
    op.create_table(
        'territory_role_scopes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('territory_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_territory_role_scopes_user_id_users')),
        sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='CASCADE',
                                name=op.f('fk_territory_role_scopes_territory_id_territories')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_territory_role_scopes')),
        sa.UniqueConstraint('user_id', 'territory_id', name='uq_territory_scope'),
    )
    op.create_index(op.f('ix_territory_role_scopes_user_id'), 'territory_role_scopes',
                    ['user_id'])
    op.create_table(
        'territory_structures',
        sa.Column('structure_id', sa.Integer(), nullable=False),
        sa.Column('territory_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['structure_id'], ['directory_structures.id'],
                                ondelete='CASCADE', name='fk_terr_struct_structure'),
        sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='CASCADE',
                                name='fk_terr_struct_territory'),
        sa.PrimaryKeyConstraint('structure_id', name=op.f('pk_territory_structures')),
    )
    op.create_index(op.f('ix_territory_structures_territory_id'), 'territory_structures',
                    ['territory_id'])
    op.create_table(
        'territory_served_communes',
        sa.Column('structure_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(['structure_id'], ['directory_structures.id'],
                                ondelete='CASCADE', name='fk_terr_served_structure'),
        sa.PrimaryKeyConstraint('structure_id', 'code',
                                name=op.f('pk_territory_served_communes')),
    )
    op.create_index(op.f('ix_territory_served_communes_code'), 'territory_served_communes',
                    ['code'])
    _default_territory()


def _default_territory():
    """A fresh install has one territory (territories/settings.py), so one
    install per CRIJ works with nothing to configure."""
    from portal.core.time import utcnow
    from portal.territories.communes import build_communes, centre_of, clean_sources
    from portal.territories.settings import DEFAULT_TERRITORY as spec

    codes = build_communes(spec["sources"]).codes
    lat, lon = centre_of(codes)
    now = utcnow()
    territories = sa.table(
        'territories', *(sa.column(n) for n in (
            'id', 'slug', 'name', 'sources', 'hosts', 'controller_name', 'legal_notice_url',
            'contact_email', 'contact_phone', 'sender_name', 'sender_email', 'sms_sender',
            'logo_url', 'accent_colour', 'map_lat', 'map_lon', 'map_radius_km', 'chat_hours',
            'chat_retention_days', 'contact_retention_days', 'created_at', 'updated_at')))
    territories.c.sources.type = sa.JSON()
    territories.c.hosts.type = sa.JSON()
    territories.c.created_at.type = territories.c.updated_at.type = UTCDateTime(timezone=True)
    op.bulk_insert(territories, [{
        'id': 1, 'slug': spec['slug'], 'name': spec['name'],
        'sources': clean_sources(spec['sources']), 'hosts': [],
        'controller_name': spec['controller_name'], 'legal_notice_url': '', 'contact_email': '',
        'contact_phone': '', 'sender_name': spec['sender_name'], 'sender_email': '',
        'sms_sender': '', 'logo_url': '', 'accent_colour': '#1d5c96', 'map_lat': lat,
        'map_lon': lon, 'map_radius_km': spec['map_radius_km'], 'chat_hours': 'Mo-Fr 09:00-18:00',
        'chat_retention_days': 365, 'contact_retention_days': 90, 'created_at': now,
        'updated_at': now}])
    communes = sa.table('territory_communes', sa.column('territory_id'), sa.column('code'))
    op.bulk_insert(communes, [{'territory_id': 1, 'code': code} for code in codes])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval('territories_id_seq', 1)")


def downgrade():
    op.drop_index(op.f('ix_territory_served_communes_code'), table_name='territory_served_communes')
    op.drop_table('territory_served_communes')
    op.drop_index(op.f('ix_territory_structures_territory_id'), table_name='territory_structures')
    op.drop_table('territory_structures')
    op.drop_index(op.f('ix_territory_role_scopes_user_id'), table_name='territory_role_scopes')
    op.drop_table('territory_role_scopes')
    op.drop_index(op.f('ix_territory_communes_code'), table_name='territory_communes')
    op.drop_table('territory_communes')
    op.drop_table('territories')
