"""``flask portal territory create|list|edit``."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.core.commit import committing
from portal.core.refusal import Refusal
from portal.extensions import db

territory_cli = AppGroup("territory", help="Territories: the CRIJs of this install.")

_sources = [
    click.option("--department", "departments", multiple=True, help="A department code (59)."),
    click.option("--epci", "epcis", multiple=True, help="An EPCI's SIREN (200093201)."),
    click.option("--arrondissement", "arrondissements", multiple=True,
                 help="An arrondissement (595, or BE-54 in Belgium)."),
    click.option("--commune", "communes", multiple=True, help="A commune (59350, BE-54007)."),
    click.option("--host", "hosts", multiple=True, help="A host name it answers on."),
    click.option("--accent-colour", default=None),
    click.option("--controller", "controller_name", default=None, help="The data controller."),
    click.option("--sender-name", default=None),
    click.option("--sender-email", default=None),
    click.option("--map-radius-km", type=float, default=None),
    click.option("--chat-hours", default=None),
]


def _with_sources(fn):
    for option in reversed(_sources):
        fn = option(fn)
    return fn


def _settings(options: dict) -> dict:
    return {k: v for k, v in options.items()
            if k in ("accent_colour", "controller_name", "sender_name", "sender_email",
                     "map_radius_km", "chat_hours") and v is not None}


def _fail(refusal: Refusal):
    raise click.ClickException(str(refusal))


def _in_english(fn):
    """Commands have no visitor's language: refusals are told in English."""
    import functools

    from flask_babel import force_locale

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with force_locale("en"):
            return fn(*args, **kwargs)

    return wrapper


@territory_cli.command("create")
@click.argument("slug")
@click.argument("name")
@_with_sources
@committing
@_in_english
def create(slug, name, departments, epcis, arrondissements, communes, hosts, **options):
    """Create the territory SLUG called NAME from departments, EPCI,
    arrondissements and communes."""
    from portal.territories.operations import create_territory

    try:
        territory = create_territory(
            slug=slug, name=name, hosts=hosts,
            sources={"departments": departments, "epcis": epcis,
                     "arrondissements": arrondissements, "communes": communes},
            **_settings(options))
    except Refusal as refusal:
        _fail(refusal)
    click.echo(f"Created {territory.slug}: {territory.name}, {len(territory.communes)} communes.")


@territory_cli.command("list")
def list_territories():
    """Every territory, its communes and host names."""
    from portal.territories.models import Territory

    for t in db.session.scalars(db.select(Territory).order_by(Territory.id)):
        hosts = " ".join(t.hosts or ()) or "-"
        click.echo(f"{t.slug}\t{t.name}\t{len(t.communes)} communes\thosts: {hosts}")


@territory_cli.command("edit")
@click.argument("slug")
@click.option("--name", default=None)
@click.option("--replace-communes", is_flag=True,
              help="The sources given replace the territory's (default: added to them).")
@_with_sources
@committing
@_in_english
def edit(slug, name, replace_communes, departments, epcis, arrondissements, communes, hosts,
         **options):
    """Change the territory SLUG: name, settings, and sources added (or
    replacing them with --replace-communes)."""
    from portal.territories.models import Territory
    from portal.territories.operations import edit_territory

    territory = db.session.scalar(db.select(Territory).where(Territory.slug == slug))
    if territory is None:
        raise click.ClickException(f"No territory {slug!r}.")
    given = {"departments": departments, "epcis": epcis, "arrondissements": arrondissements,
             "communes": communes}
    sources = None
    if any(given.values()):
        old = territory.sources or {}
        sources = given if replace_communes else {
            kind: [*old.get(kind, ()), *values] for kind, values in given.items()}
    try:
        edit_territory(territory, name=name, sources=sources,
                       hosts=[*territory.hosts, *hosts] if hosts else None,
                       **_settings(options))
    except Refusal as refusal:
        _fail(refusal)
    click.echo(f"Saved {territory.slug}: {territory.name}, {len(territory.communes)} communes.")


#: ``flask directory export|import``: the guide's open data (open_data.py).
directory_cli = AppGroup("directory", help="The guide: open data in the data·inclusion schema.")


@directory_cli.command("export")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--territory", default=None, help="Only this territory's structures.")
def export(folder, territory):
    """Write FOLDER/structures.json and FOLDER/services.json."""
    import json
    from pathlib import Path

    from portal.territories import open_data
    from portal.territories.models import Territory

    territory_id = None
    if territory:
        found = db.session.scalar(db.select(Territory).where(Territory.slug == territory))
        if found is None:
            raise click.ClickException(f"No territory {territory!r}.")
        territory_id = found.id
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("structures", open_data.export_structures(territory_id)),
                       ("services", open_data.export_services(territory_id))):
        (out / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        click.echo(f"{len(rows)} {name} written to {out / f'{name}.json'}.")


@directory_cli.command("import")
@click.argument("structures_file", type=click.File("rb"))
@click.argument("services_file", type=click.File("rb"), required=False)
@click.option("--report", "report_file", type=click.Path(dir_okay=False), default=None,
              help="Write the full report (JSON) here.")
@committing
def import_(structures_file, services_file, report_file):
    """Import a data·inclusion structures file (and its services file): new
    entries wait for review, existing ones are matched, and what is rejected
    is reported with the reasons."""
    import json

    from portal.territories import open_data

    def rows(fh):
        data = json.load(fh)
        if isinstance(data, dict):  # a paginated API page: {"items": […]}
            data = data.get("items", [])
        if not isinstance(data, list):
            raise click.ClickException(f"{fh.name}: expected a JSON list of records.")
        return data

    report = open_data.import_records(rows(structures_file),
                                      rows(services_file) if services_file else [])
    click.echo(f"{len(report['created'])} new structures waiting for review, "
               f"{report['services']} services; {len(report['matched'])} already in the guide; "
               f"{len(report['rejected'])} structures and {len(report['services_rejected'])} "
               "services rejected.")
    for item in report["rejected"] + report["services_rejected"]:
        click.echo(f"  rejected {item['id']}: {'; '.join(item['reasons'])}")
    if report_file:
        with open(report_file, "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=1)
