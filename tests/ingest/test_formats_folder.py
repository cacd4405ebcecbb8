"""A folder of the formats people have: every one stored, searchable, nothing refused;
containers' contents linked to them; archives in archives read to a limit."""

from __future__ import annotations

from pathlib import Path

from tests.ingest import office, ole
from vigil.ingest.pipeline import MAX_NESTING, Outcome, ingest
from vigil.model import SearchQuery
from vigil.settings import Settings
from vigil.store import Store


def _folder(root: Path) -> dict[str, str]:
    """Write one file per format; return file name -> a word only its text holds."""
    root.mkdir()
    (root / "appeal.odt").write_bytes(office.odt(["Appeal about the orchard teacher."]))
    (root / "appeal.rtf").write_bytes(office.rtf("Appeal about the lighthouse keeper."))
    (root / "appeal.doc").write_bytes(ole.word_97("Appeal about the beekeeper.\r"))
    (root / "appeal.msg").write_bytes(
        ole.outlook_message("Outlook appeal", "Committee", "Minister", "About the shepherd.")
    )
    (root / "mail.mbox").write_bytes(
        office.mbox([office.message("Mailbox appeal", "About the ferryman.")])
    )
    maildir = root / "Maildir" / "cur"
    maildir.mkdir(parents=True)
    (maildir / "1700000000.M1P2.host:2,S").write_bytes(
        office.message("Maildir appeal", "About the glassblower.")
    )
    (root / "bundle.zip").write_bytes(
        office.zipped(
            {
                "inner/letter.txt": b"About the cartographer.",
                "deep.odt": office.odt(["About the weaver."]),
            }
        )
    )
    return {
        "appeal.odt": "orchard",
        "appeal.rtf": "lighthouse",
        "appeal.doc": "beekeeper",
        "appeal.msg": "shepherd",
        "message-1.eml": "ferryman",
        "1700000000.M1P2.host:2,S": "glassblower",
        "letter.txt": "cartographer",
        "deep.odt": "weaver",
    }


def test_folder_of_every_format_is_stored_and_searchable(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    words = _folder(tmp_path / "in")
    report = ingest(store, settings.with_(ocr_command="/nonexistent"), [tmp_path / "in"])
    assert report.rejected == []
    ids = {r.locator.rsplit("/", 1)[-1]: r.document_id for r in report.results}
    for name, word in words.items():
        hits = store.search(SearchQuery(word))
        assert [h.document_id for h in hits] == [ids[name]], (name, word)
    letter = store.get(ids["letter.txt"])
    assert letter.parent_id == ids["bundle.zip"]
    assert store.get(ids["message-1.eml"]).parent_id == ids["mail.mbox"]


def test_archives_nested_past_the_limit_cost_one_rejection(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    data = office.zipped({"letter.txt": b"At the bottom."})
    for level in range(MAX_NESTING + 1):
        data = office.zipped({f"level-{level}.zip": data, f"note-{level}.txt": b"n%d" % level})
    (tmp_path / "nested.zip").write_bytes(data)
    report = ingest(store, settings, [tmp_path / "nested.zip"])
    # the innermost archive and the note beside it sit one level too deep
    assert [r.reason for r in report.rejected] == ["nested too deeply (containers)"] * 2
    assert report.count(Outcome.STORED) > MAX_NESTING


def test_hostile_containers_cost_one_rejection_each(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.zip").write_bytes(office.zipped({"z": bytes(200 * 1024 * 1024)}))
    (folder / "braces.rtf").write_bytes(b"{\\rtf1" + b"{" * 10_000 + b"}" * 10_000 + b"}")
    (folder / "broken.msg").write_bytes(ole.outlook_message("S", "A", "B", "Body")[:1200])
    (folder / "good.odt").write_bytes(office.odt(["A good letter about the miller."]))
    report = ingest(store, settings, [folder])
    assert len(report.rejected) == 3
    assert report.count(Outcome.STORED) == 1
