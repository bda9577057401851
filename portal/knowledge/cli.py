"""``flask knowledge import [--xml DIR]`` and ``flask knowledge rebuild``."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.core.commit import committing, rollback

knowledge_cli = AppGroup("knowledge", help="The information base (Service-Public sheets).")


@knowledge_cli.command("import")
@click.option("--xml", "xml_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="A directory of official Service-Public XML sheets (F*.xml) instead of "
                   "the committed data file.")
@committing
def import_command(xml_dir: str | None) -> None:
    """Create or update the articles from the sheets (idempotent); the article
    index follows after commit."""
    from portal.knowledge.operations import load_service_public_articles, read_xml_directory

    sheets = read_xml_directory(xml_dir) if xml_dir else None
    counts = load_service_public_articles(sheets)
    click.echo("Articles: {created} created, {updated} updated, {unchanged} unchanged."
               .format(**counts))


@knowledge_cli.command("rebuild")
def rebuild_command() -> None:
    """Rebuild the article index from the database."""
    from search_index.articles import rebuild_articles

    try:
        result = rebuild_articles()
    finally:
        rollback()
    click.echo(f"Indexed {result.documents} articles in {result.seconds:.1f} s ({result.path}).")
