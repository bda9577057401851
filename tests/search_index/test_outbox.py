"""The outbox: written by the flush, in the same transaction as the change."""

from __future__ import annotations

from portal.core.commit import commit, rollback
from portal.directory.models import StructureKind
from search_index import indexer
from search_index.models import SearchOutbox
from tests.factories import new_structure


def _outbox(database):
    return [(r.doc_type, r.doc_id, r.op) for r in
            database.session.scalars(database.select(SearchOutbox).order_by(SearchOutbox.id))]


def _structure(**fields):
    return new_structure(fields.pop("name", "Point jeunes"), kind=StructureKind.PIJ,
                         themes=["emploi"], **fields)


def test_a_flush_writes_the_rows_in_the_same_transaction(database, fresh_index):
    structure = _structure()
    database.session.add(structure)
    database.session.flush()
    # Not committed yet, but already there for this transaction.
    assert _outbox(database) == [("structure", structure.id, "upsert")]


def test_a_rollback_leaves_no_row(database, fresh_index):
    database.session.add(_structure())
    database.session.flush()
    rollback()
    assert _outbox(database) == []


def test_one_row_per_document_per_flush_and_none_for_a_no_op(
        database, fresh_index, make_structure, make_person):
    structure = make_structure()
    person = make_person(structure)
    before = len(_outbox(database))
    structure.description = "Nouveau texte"
    structure.name = "Nouveau nom"
    structure.description = "Nouveau texte, encore"
    database.session.flush()
    added = _outbox(database)[before:]
    # The structure once, and its person (who carries the structure's name).
    assert sorted(added) == [("person", person.id, "upsert"), ("structure", structure.id, "upsert")]
    structure.name = structure.name  # set to the same value: nothing to index
    database.session.flush()
    assert len(_outbox(database)) == before + 2


def test_deleting_a_structure_deletes_its_people_from_the_index(
        database, fresh_index, make_structure, make_person, make_service):
    structure = make_structure()
    person, service = make_person(structure), make_service(structure)
    before = len(_outbox(database))
    database.session.delete(structure)
    database.session.flush()
    added = set(_outbox(database)[before:])
    assert {("structure", structure.id, "delete"), ("person", person.id, "delete"),
            ("service", service.id, "delete")} <= added


def test_one_inline_apply_per_transaction_and_only_after_commit(
        database, fresh_index, monkeypatch):
    passes = []
    real = indexer.apply_pending
    monkeypatch.setattr(indexer, "apply_pending", lambda: passes.append(real()))
    database.session.add(_structure())
    database.session.flush()
    database.session.add(_structure(name="Autre", slug="autre"))
    database.session.flush()
    assert passes == []
    commit()
    assert passes == [2]  # one pass, both rows
    database.session.add(_structure(name="Encore", slug="encore"))
    database.session.flush()
    rollback()
    commit()
    assert passes == [2]
