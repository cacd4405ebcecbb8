"""A small OLE2 compound-file writer for synthetic .doc and .msg test files.

Every stream is padded to the 4096-byte mini-stream cutoff, so all live in
regular 512-byte sectors (no mini stream to write). Storages are folders:
`{"WordDocument": b"...", "__attach_version1.0_#00000000": {"...": b"..."}}`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
Tree = dict[str, "bytes | Tree"]


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    start: int = END
    right: int = NOSTREAM


def compound_file(tree: Tree) -> bytes:
    entries = [_Entry("Root Entry", 5)]
    _add(entries, 0, tree)
    sectors: list[bytes] = []
    fat: list[int] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        data = entry.data.ljust(CUTOFF, b"\x00")
        entry.data = data
        count = -(-len(data) // SECTOR)
        entry.start = len(sectors)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\x00"))
            fat.append(len(sectors) if i < count - 1 else END)
    for entry in entries:  # siblings as a chain of right links under each storage
        for a, b in zip(entry.children, entry.children[1:], strict=False):
            entries[a].right = b
    directory = b"".join(_dir_entry(e) for e in entries)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\xff")
    first_dir = len(sectors)
    dir_count = len(directory) // SECTOR
    for i in range(dir_count):
        sectors.append(directory[i * SECTOR : (i + 1) * SECTOR])
        fat.append(len(sectors) if i < dir_count - 1 else END)
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    first_fat = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    table = struct.pack(f"<{len(fat)}I", *fat)
    for i in range(fat_count):
        sectors.append(table[i * SECTOR : (i + 1) * SECTOR])
    difat = [first_fat + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_count, first_dir, 0, CUTOFF, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)


def _add(entries: list[_Entry], parent: int, tree: Tree) -> None:
    for name, value in tree.items():
        index = len(entries)
        entries[parent].children.append(index)
        if isinstance(value, bytes):
            entries.append(_Entry(name, 2, value))
        else:
            entries.append(_Entry(name, 1))
            _add(entries, index, value)


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")[:62] + b"\x00\x00"
    child = entry.children[0] if entry.children else NOSTREAM
    size = len(entry.data) if entry.kind == 2 else 0
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBB", len(name), entry.kind, 1)
        + struct.pack("<III", NOSTREAM, entry.right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", entry.start, size)
    )


def word_97(text: str) -> bytes:
    """A .doc whose main text is `text` (one piece, 8-bit cp1252)."""
    body = text.encode("cp1252")
    at = 0x800
    word = bytearray(max(at + len(body), CUTOFF))
    struct.pack_into("<H", word, 0, 0xA5EC)
    struct.pack_into("<H", word, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<i", word, 0x4C, len(text))
    word[at : at + len(body)] = body
    plc = struct.pack("<ii", 0, len(text)) + struct.pack("<HIH", 0, (at * 2) | 0x40000000, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = bytearray(CUTOFF)
    table[16 : 16 + len(clx)] = clx
    struct.pack_into("<II", word, 0x1A2, 16, len(clx))
    return compound_file({"WordDocument": bytes(word), "1Table": bytes(table)})


def outlook_message(
    subject: str, sender: str, to: str, body: str, attachment: tuple[str, bytes] | None = None
) -> bytes:
    """A .msg with UTF-16 properties and, optionally, one attached file (>= 4096 bytes)."""

    def prop(tag: str, value: str) -> tuple[str, bytes]:
        return f"__substg1.0_{tag}001F", value.encode("utf-16-le")

    tree: Tree = dict(
        [
            prop("0037", subject),
            prop("0C1A", sender),
            prop("0E04", to),
            prop("1000", body),
            prop("007D", "Date: Tue, 12 Mar 2024 10:00:00 +0000\r\n"),
        ]
    )
    if attachment is not None:
        name, data = attachment
        assert len(data) >= CUTOFF, "the writer pads streams: give at least 4096 bytes"
        tree["__attach_version1.0_#00000000"] = dict(
            [prop("3707", name), ("__substg1.0_37010102", data)]
        )
    return compound_file(tree)
