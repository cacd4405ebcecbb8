from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pyrage
import pytest

from vigil.errors import ArchiveError, StoreError
from vigil.model import ParsedDocument, Span
from vigil.outputs.archive import export_store, import_store
from vigil.outputs.sealing import Protection
from vigil.settings import Settings
from vigil.store import Store, init_store

from ..conftest import PASSPHRASE

CANARY = "ZQXEXPORTCANARYQZ"


def fill(store: Store) -> list[int]:
    ids = []
    for i in range(4):
        body = f"Letter {i} about a detention. {CANARY}"
        ids.append(
            store.add_document(
                ParsedDocument(
                    format="txt",
                    text=body,
                    full_text=body + "\nHome » menu",
                    title=f"T{i}",
                    language="en",
                    published=f"2024-01-0{i + 1}",
                    metadata={"encoding": "utf-8"},
                    boilerplate=[Span(len(body) + 1, len(body) + 12)],
                ),
                f"original bytes {i} {CANARY}".encode(),
                locator=f"/in/{i}.txt",
            )
        )
    store.add_source(ids[0], "/elsewhere/copy.txt")
    store.add_document(
        ParsedDocument(format="txt", text="attached", full_text="attached"),
        b"att",
        locator="/in/0.txt#attachment/1/a.txt",
        parent_id=ids[0],
    )
    return ids


def fresh(settings: Settings, name: str) -> Store:
    return init_store(settings.with_(home=settings.home.parent / name), PASSPHRASE).store


def assert_same(a: Store, b: Store) -> None:
    docs_a, docs_b = list(a.iter_documents()), list(b.iter_documents())
    assert len(docs_a) == len(docs_b) > 0
    for x, y in zip(docs_a, docs_b, strict=True):
        assert x == y
        assert a.original(x.id) == b.original(y.id)


def test_passphrase_export_round_trip_loses_nothing(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fill(store)
    target = tmp_path / "out.vigil"
    summary = export_store(store, target, Protection(passphrase="export secret"))
    assert summary.encrypted and summary.documents == 5
    assert CANARY.encode() not in target.read_bytes()
    other = fresh(settings, "imported")
    with pytest.raises(ArchiveError):
        import_store(other, target, passphrase="wrong secret")
    assert import_store(other, target, passphrase="export secret") == 5
    assert_same(store, other)
    assert other.verify().ok
    other.close()


def test_recipient_export_round_trip(store: Store, settings: Settings, tmp_path: Path) -> None:
    fill(store)
    identity = pyrage.x25519.Identity.generate()
    target = tmp_path / "out.age"
    export_store(store, target, Protection(recipient=str(identity.to_public())))
    other = fresh(settings, "imported")
    import_store(other, target, identity=str(identity))
    assert_same(store, other)
    other.close()


def test_plaintext_export_must_be_asked_for(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fill(store)
    with pytest.raises(ArchiveError, match="choose one protection"):
        export_store(store, tmp_path / "x", Protection())
    target = tmp_path / "plain.tar"
    export_store(store, target, Protection(plaintext=True))
    assert CANARY.encode() in target.read_bytes()
    other = fresh(settings, "imported")
    import_store(other, target)
    assert_same(store, other)
    other.close()


def test_import_refuses_a_store_that_is_not_empty(store: Store, tmp_path: Path) -> None:
    fill(store)
    target = tmp_path / "plain.tar"
    export_store(store, target, Protection(plaintext=True))
    with pytest.raises(StoreError, match="empty store"):
        import_store(store, target)


def test_import_rejects_a_tampered_original(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fill(store)
    target = tmp_path / "plain.tar"
    export_store(store, target, Protection(plaintext=True))
    data = target.read_bytes().replace(b"original bytes 2", b"original bytez 2")
    target.write_bytes(data)
    with pytest.raises(ArchiveError, match="does not match its hash"):
        import_store(fresh(settings, "imported"), target)


def test_import_is_all_or_nothing_so_a_retry_works(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fill(store)
    good = tmp_path / "good.tar"
    export_store(store, good, Protection(plaintext=True))
    bad = tmp_path / "bad.tar"
    bad.write_bytes(good.read_bytes().replace(b"original bytes 3", b"original bytez 3"))
    target = fresh(settings, "imported")
    with pytest.raises(ArchiveError, match="does not match its hash"):
        import_store(target, bad)
    assert target.is_empty()
    assert target.rejections() == []
    assert import_store(target, good) == 5
    assert_same(store, target)


def test_import_that_fails_while_writing_leaves_the_store_empty(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fill(store)
    store.record_rejection("/in/bad.odt", None, "unsupported: .odt files are not read")
    good = tmp_path / "good.tar"
    export_store(store, good, Protection(plaintext=True))
    broken = tmp_path / "broken.tar"
    with tarfile.open(good) as source, tarfile.open(broken, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "rejections.jsonl":  # valid JSON the database refuses
                data = data.replace(b'"reason": "unsupported', b'"reason": null, "x": "')
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    imported = fresh(settings, "imported")
    with pytest.raises(ArchiveError, match="nothing was imported"):
        import_store(imported, broken)
    assert imported.is_empty()
    assert imported.rejections() == []
    assert import_store(imported, good) == 5


def test_round_trip_keeps_extractions_reviews_and_rejections(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from vigil.ingest.extraction import extract_stored
    from vigil.store.suggestions import get_extraction

    fill(store)
    store.record_rejection("/in/broken.pdf", None, "corrupt pdf")
    extract_stored(store, settings, "pending")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE suggestions SET review_state = 'rejected' WHERE id = 1"))
    target = tmp_path / "out.vigil"
    export_store(store, target, Protection(passphrase="export secret"))
    other = fresh(settings, "imported")
    import_store(other, target, passphrase="export secret")
    assert_same(store, other)
    for doc_id in store.document_ids():
        mine, theirs = get_extraction(store, doc_id), get_extraction(other, doc_id)
        assert mine is not None and theirs is not None
        assert [(s.field, s.value, s.spans, s.rule, s.review_state) for s in mine.suggestions] == [
            (s.field, s.value, s.spans, s.rule, s.review_state) for s in theirs.suggestions
        ]
        assert mine.contract == theirs.contract
    assert [(r.locator, r.reason, r.recorded_at) for r in store.rejections()] == [
        (r.locator, r.reason, r.recorded_at) for r in other.rejections()
    ]
    other.close()


def test_round_trip_keeps_the_case_file(store: Store, settings: Settings, tmp_path: Path) -> None:
    from vigil.cases import build_from_extractions, list_parties, merge_parties, suggest_cases
    from vigil.ingest.extraction import extract_stored
    from vigil.store import parties as party_store
    from vigil.store.case_tables import party_merge_suggestions
    from vigil.store.rows import CASE_FILE_TABLES, dump_rows

    letter = (
        "12 May 2024\n\nMs. Ana Lindqvist\nMinister of the Interior\nStockholm, Sweden\n\n"
        "Dear Minister,\n\nWe write about Mr. Omar Benali, who was arrested by the police in "
        "Malmo on 2 April 2024 and is held without charge. We urge you to release him.\n\n"
        "Yours sincerely,\n\nClara Jensen\nDirector, Nordic Detention Watch\n"
    )
    store.add_document(
        ParsedDocument(format="txt", text=letter, full_text=letter, language="en"),
        letter.encode(),
        locator="/in/letter.txt",
    )
    extract_stored(store, settings, "pending")
    build_from_extractions(store)
    suggest_cases(store)
    # A merge suggestion, and a merge of an earlier party into a later one (a tombstone
    # pointing forward: rows whose self-reference is to a later row must still load).
    first, second, third = [p.id for p in list_parties(store, kind="person")][:3]
    assert party_store.add_suggestions(store, [(first, third, 0.8, ["a reason"])])
    merge_parties(store, second, first)
    assert list(dump_rows(store, party_merge_suggestions))
    assert any(list(dump_rows(store, t)) for t in CASE_FILE_TABLES)
    target = tmp_path / "out.vigil"
    export_store(store, target, Protection(passphrase="export secret"))
    other = fresh(settings, "imported")
    import_store(other, target, passphrase="export secret")
    for table in CASE_FILE_TABLES:
        assert list(dump_rows(store, table)) == list(dump_rows(other, table)), table.name
    other.close()


def test_an_export_made_before_the_later_case_tables_still_imports(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    import tarfile

    from vigil.outputs.archive import LATER_TABLES

    fill(store)
    target = tmp_path / "plain.tar"
    export_store(store, target, Protection(plaintext=True))

    def without(names: frozenset[str], out: Path) -> Path:
        with tarfile.open(target) as src, tarfile.open(out, "w") as dst:
            for member in src.getmembers():
                if member.name.removeprefix("case_file/").removesuffix(".jsonl") in names:
                    continue
                dst.addfile(member, src.extractfile(member) if member.isfile() else None)
        return out

    older = without(LATER_TABLES, tmp_path / "older.tar")
    with tarfile.open(older) as small, tarfile.open(target) as full:
        assert len(small.getnames()) == len(full.getnames()) - len(LATER_TABLES)
    other = fresh(settings, "imported")
    assert import_store(other, older) == 5
    assert_same(store, other)
    other.close()
    broken = without(frozenset({"parties"}), tmp_path / "broken.tar")  # a table it must have
    with pytest.raises(ArchiveError, match="cannot be read"):
        import_store(fresh(settings, "imported-again"), broken)


def test_case_fields_travel_but_not_the_assignee(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    """Accounts are not exported, so a user id would point at nobody (or somebody else)."""
    from vigil import cases
    from vigil.accounts import Role, add_user

    user = add_user(store, settings, "worker", Role.EDITOR, "a password long enough")
    case_id = cases.new_case(store, "A case")
    cases.set_fields(
        store, case_id, {"situation": "missing", "tags": "urgent", "assignee": user.id}
    )
    target = tmp_path / "out.vigil"
    export_store(store, target, Protection(passphrase="export secret"))
    other = fresh(settings, "imported")
    import_store(other, target, passphrase="export secret")
    (imported,) = cases.list_cases(other)
    assert (imported.fields.situation, imported.fields.tags) == ("missing", ("urgent",))
    assert imported.fields.assignee is None
    other.close()
