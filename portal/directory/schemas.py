"""Schemas of the guide's public JSON API (and of its search page's query)."""

from marshmallow import EXCLUDE, Schema, fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from portal.core.themes import SUBTHEME_PARENT, THEMES
from search_index.query import DEFAULT_PER_PAGE, DEFAULT_RADIUS_KM, MAX_PER_PAGE

THEME_CODES = sorted([*THEMES, *SUBTHEME_PARENT])
TYPES = ("structure", "person", "service")


class DirectorySearchArgs(Schema):
    class Meta:
        unknown = EXCLUDE  # tracking parameters and the like are ignored

    q = fields.String(load_default="", validate=validate.Length(max=200),
                      metadata={"description": "Free text: what the person is looking for."})
    theme = fields.List(fields.String(validate=validate.OneOf(THEME_CODES)), load_default=list,
                        metadata={"description": "Theme or sub-theme codes (repeat the parameter)."})
    age = fields.Integer(load_default=None, validate=validate.Range(min=10, max=35))
    near = fields.String(load_default=None, validate=validate.Length(max=100), metadata={
        "description": "An INSEE code, a postal code, a commune name, or `lat,lon`."})
    radius_km = fields.Float(load_default=DEFAULT_RADIUS_KM, validate=validate.Range(min=0.5, max=200))
    open_now = fields.Boolean(load_default=False)
    type = fields.String(load_default=None, validate=validate.OneOf(TYPES))
    sort = fields.String(load_default=None, validate=validate.OneOf(["relevance", "distance"]),
                         metadata={"description": "Default: distance when only a place is "
                                                  "given, otherwise relevance."})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1000))
    per_page = fields.Integer(load_default=DEFAULT_PER_PAGE,
                              validate=validate.Range(min=1, max=MAX_PER_PAGE))

    @validates_schema
    def _distance_needs_a_place(self, data, **kwargs):
        if data.get("sort") == "distance" and not data.get("near"):
            raise ValidationError("Sorting by distance needs a place (near).", "sort")


def load_query(schema: Schema, values) -> dict:
    """Load a page's query string: empty boxes mean "not given", and list
    fields take every value of a repeated parameter."""
    data = {}
    for name, field in schema.fields.items():
        if isinstance(field, fields.List):
            items = [v for v in values.getlist(name) if v]
            if items:
                data[name] = items
        elif values.get(name, "") != "":
            data[name] = values.get(name)
    return schema.load(data)


class CommuneArgs(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=100))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class CommuneSchema(Schema):
    insee = fields.String(metadata={"description": "INSEE code; `BE-<NIS code>` in Belgium."})
    name = fields.String()
    postal_codes = fields.List(fields.String())
    department = fields.String()
    country = fields.String(metadata={"description": "`FR` or `BE`."})
    lat = fields.Float()
    lon = fields.Float()


class CommuneRefSchema(Schema):
    insee = fields.String()
    name = fields.String()


class SearchResultSchema(Schema):
    id = fields.String(metadata={"description": "`structure-12`, `person-34` or `service-56`."})
    type = fields.String()
    name = fields.String()
    structure = fields.String(allow_none=True)
    themes = fields.List(fields.String())
    commune = fields.Nested(CommuneRefSchema)
    lat = fields.Float()
    lon = fields.Float()
    distance_km = fields.Float(allow_none=True)
    channels = fields.List(fields.String())
    url = fields.String()


class FacetSchema(Schema):
    themes = fields.Dict(keys=fields.String(), values=fields.Integer())
    communes = fields.List(fields.Dict())


class SearchPageSchema(Schema):
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    place = fields.Dict(allow_none=True)
    results = fields.List(fields.Nested(SearchResultSchema))
    facets = fields.Nested(FacetSchema)


class EntrySchema(Schema):
    id = fields.String()
    type = fields.String()
    name = fields.String()
    kind = fields.String(allow_none=True)
    structure = fields.Dict(allow_none=True)
    description = fields.String()
    role = fields.String(allow_none=True)
    themes = fields.List(fields.String())
    age_min = fields.Integer()
    age_max = fields.Integer()
    languages = fields.List(fields.String())
    channels = fields.List(fields.String())
    address = fields.String(allow_none=True)
    commune = fields.Nested(CommuneRefSchema)
    lat = fields.Float()
    lon = fields.Float()
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    opening_hours = fields.String(allow_none=True)
    open_now = fields.Boolean(allow_none=True)
    last_checked_at = fields.DateTime()
    persons = fields.List(fields.Dict())
    services = fields.List(fields.Dict())
    url = fields.String()
