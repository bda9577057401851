"""Following the outbox into the index: edits, deletions, rebuilds, checkpoints."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, insert, select, update

from portal.core.commit import commit
from portal.core.time import utcnow
from portal.directory.models import EntryStatus, Structure
from search_index import indexer
from search_index.checkpoint import Checkpoint
from search_index.indexer import current_index_path
from search_index.models import SearchOutbox
from search_index.searcher import DirectoryQuery, search_directory


def names(**query) -> list[str]:
    return [hit.name for hit in search_directory(DirectoryQuery(**query)).hits]


def test_an_edit_is_searchable_right_after_commit(database, make_structure):
    structure = make_structure("Point Info Jeunes", description="Orientation et métiers")
    assert names(text="orientation") == ["Point Info Jeunes"]
    structure.description = "Aide au permis de conduire"
    database.session.flush()
    assert names(text="permis") == []  # flushed, not committed: not in the index yet
    commit()
    assert names(text="permis") == ["Point Info Jeunes"]
    assert names(text="orientation") == []


def test_a_deleted_or_unpublished_entry_leaves_the_index(
        database, make_structure, make_person):
    kept = make_structure("Maison des jeunes", description="logement")
    archived = make_structure("Ancien foyer", description="logement")
    person = make_person(kept, first_name="Inès", role="Conseillère logement")
    assert set(names(text="logement")) == {"Maison des jeunes", "Ancien foyer", "Inès Exemple"}
    database.session.delete(person)
    archived.status = EntryStatus.ARCHIVED
    database.session.flush()
    commit()
    assert names(text="logement") == ["Maison des jeunes"]


def test_a_structure_edit_reaches_its_people(database, make_structure, make_person):
    structure = make_structure("Mission locale", commune="59350")
    make_person(structure, first_name="Léo")
    structure.name = "Mission locale métropole"
    database.session.flush()
    commit()
    [hit] = search_directory(DirectoryQuery(text="Léo")).hits
    assert hit.structure == "Mission locale métropole"


def test_rebuild_swaps_in_a_new_directory_with_the_same_content(app, database, make_structure):
    make_structure("Point Info Jeunes", description="Orientation")
    before = current_index_path()
    result = indexer.rebuild()
    assert result.documents == 1 and result.path == current_index_path() != before
    assert before.exists()  # kept for readers that still have it open
    indexer.rebuild()
    assert not before.exists()  # two swaps later it goes
    assert names(text="orientation") == ["Point Info Jeunes"]
    runner = app.test_cli_runner()
    out = runner.invoke(args=["search", "rebuild"])
    assert out.exit_code == 0 and "Indexed 1 documents in" in out.output


def _outbox_row(database, doc_id, age=timedelta(0)):
    database.session.execute(insert(SearchOutbox).values(
        doc_type="structure", doc_id=doc_id, op="upsert", created_at=utcnow() - age))


def test_the_checkpoint_only_passes_settled_rows_and_late_ids_are_not_lost(
        app, database, make_structure):
    first = make_structure("Accueil Seclin", commune="59560", description="stage")
    second = make_structure("Accueil Roubaix", commune="59512", description="stage")
    top = database.session.scalar(select(func.max(SearchOutbox.id)))
    path = current_index_path()
    # Two transactions: the one that got the smaller outbox id commits last.
    first.description = "stage apprentissage"
    database.session.flush()
    outbox = SearchOutbox.__table__
    slow = [dict(row) for row in database.session.execute(
        select(outbox).where(outbox.c.id > top)).mappings()]
    second.description = "stage alternance"
    database.session.flush()
    database.session.execute(outbox.delete().where(outbox.c.id.in_([r["id"] for r in slow])))
    commit()
    assert names(text="alternance") == ["Accueil Roubaix"]
    assert names(text="apprentissage") == []
    checkpoint = Checkpoint.read(path)
    assert checkpoint.outbox_id <= top
    # The slow transaction's row becomes visible, below rows already applied.
    database.session.execute(insert(outbox), slow)
    commit()
    assert indexer.apply_pending() == len(slow)
    assert names(text="apprentissage") == ["Accueil Seclin"]
    # Seconds later everything is settled: the checkpoint moves past it all.
    later = utcnow() + timedelta(seconds=app.config["SEARCH_SETTLE_SECONDS"] + 1)
    assert indexer.apply_pending(now=later) == 0  # nothing to apply again
    checkpoint = Checkpoint.read(path)
    assert checkpoint.outbox_id == database.session.scalar(select(func.max(SearchOutbox.id)))
    assert checkpoint.applied == {}


def test_a_checkpoint_behind_the_pruned_outbox_rebuilds(app, database, make_structure):
    structure = make_structure("Foyer", description="logement")
    old = timedelta(days=30)
    for _ in range(3):
        _outbox_row(database, structure.id, age=old)
    _outbox_row(database, structure.id)
    top = database.session.scalar(select(SearchOutbox.id).order_by(SearchOutbox.id.desc()))
    assert indexer.prune_outbox(timedelta(days=7)) >= 3
    remaining = database.session.scalars(select(SearchOutbox.id).order_by(SearchOutbox.id)).all()
    assert remaining == [top - 1, top]  # the newest pruned row stays as the mark
    path = current_index_path()
    Checkpoint(outbox_id=0).write(path)  # as if this node had been away for a month
    indexer.apply_pending()
    assert current_index_path() != path
    assert names(text="logement") == ["Foyer"]


def test_an_outbox_that_no_longer_matches_the_checkpoint_rebuilds(app, database, make_structure):
    # As after restoring the database from a backup: the row the checkpoint
    # stands on is not the one it saw.
    make_structure("Foyer", description="logement")
    later = utcnow() + timedelta(seconds=app.config["SEARCH_SETTLE_SECONDS"] + 1)
    indexer.apply_pending(now=later)
    path = current_index_path()
    checkpoint = Checkpoint.read(path)
    assert checkpoint.outbox_id > 0
    checkpoint.anchor -= 1.0
    checkpoint.write(path)
    _outbox_row(database, 1)
    indexer.apply_pending()
    assert current_index_path() != path
    assert names(text="logement") == ["Foyer"]


def test_a_reused_outbox_id_is_applied_again(database, make_structure):
    # SQLite gives a rolled-back transaction's ids out again; a restored
    # database does the same with committed ones.
    first = make_structure("Premier", description="logement")
    second = make_structure("Second", description="logement")
    row_id = database.session.scalar(select(func.min(SearchOutbox.id)).where(
        SearchOutbox.doc_id == first.id))
    # Behind the ORM's back (no outbox row of its own): the second changes,
    # and the id already applied for the first now stands for that change.
    database.session.execute(update(Structure).where(Structure.id == second.id)
                             .values(description="emploi"))
    database.session.execute(update(SearchOutbox).where(SearchOutbox.id == row_id)
                             .values(doc_id=second.id, created_at=utcnow()))
    commit()
    assert indexer.apply_pending() == 1
    assert names(text="emploi") == ["Second"]


def test_follow_once_applies_what_is_pending(app, database, make_structure):
    structure = make_structure("Espace jeunes", description="culture")
    app.config["SEARCH_APPLY_INLINE"] = False  # as on a node of a multi-process deployment
    try:
        structure.description = "culture et sport"
        database.session.flush()
        commit()
        assert names(text="sport") == []
        out = app.test_cli_runner().invoke(args=["search", "follow", "--once"])
        assert out.exit_code == 0, out.output
    finally:
        app.config["SEARCH_APPLY_INLINE"] = True
    assert names(text="sport") == ["Espace jeunes"]
